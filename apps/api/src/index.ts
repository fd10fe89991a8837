export { startApi, type RunningApi } from './create-app';
export { loadConfig, ConfigError, type AppConfig } from './config/app-config';
// Event hubs of live streams, which tests look into (app.get) to see that a closed stream leaves no listener.
export { ContestEvents } from './contests/contest-events';
export { ScoreboardStreams } from './contests/scoreboard-streams';
export { SharedScoreboards } from './contests/shared-scoreboards';
export { LocalBoardCache, RedisBoardCache, type BoardCache, type KeptBoards } from './contests/board-cache';
export { RedisRateWindows } from './common/rate-windows';
export { SubmissionEvents } from './submissions/submission-events';
export { RunsService } from './runs/runs.service';
// Where packages and statement files are kept (FILE_STORE), which tests drive with a database of their own.
export { contentHash, DamagedFile, StoredFileMissing, type ContentStore } from './storage/content-store';
export { FolderStore } from './storage/folder-store';
export { CHUNK_BYTES, PostgresStore } from './storage/postgres-store';
export { copyFiles } from './storage/file-stores';
export { s3Client, S3Store } from './storage/s3-store';

export { startApi, type RunningApi } from './create-app';
export { loadConfig, ConfigError, type AppConfig } from './config/app-config';
// Event hubs of live streams, which tests look into (app.get) to see that a closed stream leaves no listener.
export { ContestEvents } from './contests/contest-events';
export { ScoreboardStreams } from './contests/scoreboard-streams';
export { SubmissionEvents } from './submissions/submission-events';
export { RunsService } from './runs/runs.service';

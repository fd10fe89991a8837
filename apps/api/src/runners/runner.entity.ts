import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A runner as its last heartbeat described it (migrations/1764801800000-runners.ts). */
@Entity('runners')
export class RunnerEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') host!: string;
  @Column('text') engine!: string;
  @Column('jsonb') languages!: string[];
  @Column('integer') concurrency!: number;
  @Column('integer', { name: 'jobs_done' }) jobsDone!: number;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'last_heartbeat_at' }) lastHeartbeatAt!: Date;
}

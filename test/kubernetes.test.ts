import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { loadConfig } from '@judge/api';
import { loadRunnerConfig } from '@judge/runner';
import { REPO } from './support/harness';

/**
 * docker/kubernetes: no cluster runs here, so the manifests are checked against the Kubernetes API's schemas
 * (kubernetes-models, generated from its OpenAPI definitions) and against the code they configure: what the API
 * and the runners make of their settings, the routes the probes call, the images Compose builds.
 */
const DIR = join(REPO, 'docker', 'kubernetes');

const KINDS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'batch/v1 Job': Job,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Service': Service,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests: { file: string; manifest: Manifest }[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    return { file, manifest: doc.toJS() as Manifest };
  }),
);

function find<T>(kind: string, name: string): T {
  const found = manifests.find((m) => m.manifest.kind === kind && m.manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found.manifest as unknown as T;
}

type PodOwner = {
  spec: { replicas?: number; template: { spec: { containers: IContainer[] } & Record<string, unknown> } };
};
const deployment = (name: string) => find<Deployment & PodOwner>('Deployment', name);
const container = (name: string) => deployment(name).spec.template.spec.containers[0];

/** What a container's environment is once its ConfigMaps are read and its secrets made (placeholders). */
function environment(c: IContainer, secrets: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, find<ConfigMap>('ConfigMap', from.configMapRef.name!).data);
    if (from.secretRef) Object.assign(env, secrets);
  }
  for (const e of c.env ?? []) env[e.name] = e.value ?? secrets[e.valueFrom?.secretKeyRef?.key ?? ''];
  return env;
}

const apiSecrets = {
  DATABASE_URL: 'postgres://judge:secret@postgres.example:5432/judge',
  REDIS_URL: 'redis://:secret@redis.example:6379',
  JWT_SECRET: 'jwt-secret-0123456789abcdef',
  RUNNER_TOKEN: 'runner-token-0123456789abcdef',
  JUDGE_ADMIN_PASSWORD: 'admin-password-0123456789',
};
const runnerSecrets = { REDIS_URL: apiSecrets.REDIS_URL, RUNNER_TOKEN: apiSecrets.RUNNER_TOKEN };

describe('the Kubernetes manifests', () => {
  it('are valid objects of the Kubernetes API, each of a kind it knows', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const { file, manifest } of manifests) {
      const Model = KINDS[`${manifest.apiVersion} ${manifest.kind}`];
      expect(Model, `${file}: ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model(manifest as never).validate(), `${file}: ${manifest.metadata.name}`).not.toThrow();
    }
  });

  it('are all listed by the kustomization', () => {
    const kustomization = parse(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it('run several API replicas with a configuration the API accepts for that', () => {
    expect(deployment('judge-api').spec.replicas).toBeGreaterThanOrEqual(2);
    const config = loadConfig(environment(container('judge-api'), apiSecrets));
    // Several processes: Redis for the queue and the events, files in the database, a shared signing key.
    expect(config.REDIS_URL).toBe(apiSecrets.REDIS_URL);
    expect(config.FILE_STORE).toBe('postgres');
    expect(config.JWT_SECRET).toBe(apiSecrets.JWT_SECRET);
    // DATA_DIR is a volume of the pod (the root file system is read-only).
    const mounts = container('judge-api').volumeMounts ?? [];
    expect(mounts.map((m) => m.mountPath)).toContain(config.DATA_DIR);
    // The graceful stop fits the grace period, and the probes call the routes made for them.
    const grace = deployment('judge-api').spec.template.spec.terminationGracePeriodSeconds as number;
    expect(config.SHUTDOWN_DELAY_SECONDS).toBeGreaterThan(0);
    expect(grace).toBeGreaterThan(config.SHUTDOWN_DELAY_SECONDS + 10);
    expect(container('judge-api').readinessProbe?.httpGet?.path).toBe('/api/health/ready');
    expect(container('judge-api').livenessProbe?.httpGet?.path).toBe('/api/health/live');
  });

  it('run runners that reach the API through its Service, on its queue, with no database credentials', () => {
    const env = environment(container('judge-runner'), runnerSecrets);
    const config = loadRunnerConfig(env);
    expect(new URL(config.apiUrl).hostname).toBe(find<Service>('Service', 'judge-api').metadata!.name);
    expect(env.JUDGE_QUEUE_PREFIX).toBe(loadConfig(environment(container('judge-api'), apiSecrets)).JUDGE_QUEUE_PREFIX);
    expect(Object.keys(env)).not.toContain('DATABASE_URL');
    expect(container('judge-runner').envFrom?.map((e) => e.secretRef?.name)).toEqual(['judge-runner']);
    // It finishes the jobs it holds before it goes.
    expect(deployment('judge-runner').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(600);
  });

  it('use the images and the migration command of docker/compose.yaml', () => {
    const compose = parse(readFileSync(join(REPO, 'docker', 'compose.yaml'), 'utf8'), { merge: true }) as {
      services: Record<string, { image: string; command?: string[] }>;
    };
    const imageName = (image: string) => image.replace(/^\$\{JUDGE_IMAGE_PREFIX:-judge\}/, 'judge').split(':')[0];
    expect(container('judge-api').image?.split(':')[0]).toBe(imageName(compose.services.api.image));
    expect(container('judge-runner').image?.split(':')[0]).toBe(imageName(compose.services['runner-namespace'].image));
    const job = find<Job>('Job', 'judge-migrate');
    const migrate = job.spec!.template.spec!.containers[0];
    expect(migrate.command).toEqual(compose.services.migrate.command);
    expect(loadConfig(environment(migrate, apiSecrets)).DATABASE_URL).toBe(apiSecrets.DATABASE_URL);
  });
});

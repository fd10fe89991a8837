import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import { LanguageRegistry } from '@judge/judge';
import { AppModule } from './app.module';
import { PackageStore } from './storage/package-store';
import type { AppConfig } from './config/app-config';
import { openDatabase, type Database } from './database/database';
import { UsersService } from './users/users.service';

export interface RunningApi {
  app: INestApplication;
  /** Base address, e.g. http://127.0.0.1:3000 */
  url: string;
  database: Database;
  /** Set on the first start when the admin's password was generated. */
  adminCredentials: { username: string; password: string } | null;
  close(): Promise<void>;
}

/** Starts the whole API: database (and migrations), Nest, the admin user, then the HTTP listener. */
export async function startApi(config: AppConfig, options: { logLevels?: LogLevel[] } = {}): Promise<RunningApi> {
  const languages = await LanguageRegistry.load();
  const packages = new PackageStore(join(config.DATA_DIR, 'packages'));
  const database = await openDatabase(config);
  let app: INestApplication | null = null;
  try {
    app = await NestFactory.create(
      AppModule.register({ config, languages, packages, dataSource: database.dataSource, readinessChecks: [] }),
      { logger: options.logLevels ?? ['error', 'warn', 'log'] },
    );
    app.setGlobalPrefix('api');
    app.enableShutdownHooks();
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle('Judge API').setVersion('0.1.0').addBearerAuth().build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });
    const adminCredentials = await app.get(UsersService).ensureAdmin(config.JUDGE_ADMIN_PASSWORD);
    await app.listen(config.PORT, '0.0.0.0');
    const server = app.getHttpServer() as import('node:http').Server;
    const address = server.address() as { port: number };
    const running = app;
    return {
      app: running,
      url: `http://127.0.0.1:${address.port}`,
      database,
      adminCredentials,
      close: async () => {
        await running.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
}

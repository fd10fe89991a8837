import { Module } from '@nestjs/common';
import { PistonController } from './piston.controller';
import { PistonRuntimes } from './piston-runtimes';
import { PistonService } from './piston.service';

/** The Piston-compatible face; it uses the runs, languages and settings the application module exports. */
@Module({
  controllers: [PistonController],
  providers: [PistonService, PistonRuntimes],
})
export class PistonModule {}

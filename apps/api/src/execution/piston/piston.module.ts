import { PistonController } from './piston.controller';
import { PistonRuntimes } from './piston-runtimes';
import { PistonService } from './piston.service';

/**
 * The Piston-compatible face: its controller and services, registered in AppModule beside the runs they are built
 * on (RunsService, the languages, the settings live there), as the Judge0 face's are.
 */
export const PISTON_MODULE = {
  controllers: [PistonController],
  providers: [PistonService, PistonRuntimes],
} as const;

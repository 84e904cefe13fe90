/** The `plugipay-emulator` executable (dist/cli.mjs): runs the command with the process's arguments. */
import { run } from './node-cli';

void run();

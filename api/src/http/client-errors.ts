import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { newErrorId } from './errors';

/**
 * Requests Node refuses before Express sees them (headers or URL over the 16 KB limit, malformed HTTP) get
 * problem+json like every other error, instead of Node's bare status line.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const problem = JSON.stringify({
      type: `https://argus.dev/problems/${tooLarge ? 'request-header-fields-too-large' : 'bad-request'}`,
      title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
      status,
      detail: tooLarge ? 'The address or the headers of the request are too long (at most 16 KB).' : 'The request is not valid HTTP.',
      errorId: newErrorId(),
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(problem)}\r\nConnection: close\r\n\r\n${problem}`,
    );
  });
}

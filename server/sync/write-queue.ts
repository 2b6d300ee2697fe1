// The server's process-wide write mutex: every document write runs in one line, in arrival order.
// The one mutex is shared/serial-queue.ts; this name stays for the sync engine's import.
export { SerialQueue as WriteQueue } from '../../shared/serial-queue';

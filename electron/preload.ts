// Sandboxed preload: exposes exactly `window.journal` (the JournalBridge) and nothing else.
// Requests and responses are validated here too, so the page never sees unchecked data.
import './zod-jitless';
import { contextBridge, ipcRenderer } from 'electron';
import { createJournalBridge, isBridgeChannel, type JournalBridge } from '../shared/bridge';

const bridge = createJournalBridge((channel, request) => {
  if (!isBridgeChannel(channel)) return Promise.reject(new Error('Неизвестный канал'));
  return ipcRenderer.invoke(channel, request);
});

// A plain object of functions (the page's arguments are validated inside the bridge): raw
// ipcRenderer never reaches the page.
const exposed: JournalBridge = { ...bridge };
contextBridge.exposeInMainWorld('journal', exposed);

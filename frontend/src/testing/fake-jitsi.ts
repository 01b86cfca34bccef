/**
 * Jitsi's side of a call, for component tests: what a Jitsi server's external_api.js would define
 * (`window.JitsiMeetExternalAPI`), and the script tag our loader adds, made to load or fail. The app's
 * loader, the SDK's JitsiMeeting and our call page all run for real on top of it.
 */

type Listener = (...args: unknown[]) => void;

export interface FakeCallOptions {
  roomName: string;
  jwt?: string;
  userInfo?: { displayName?: string; email?: string };
  configOverwrite?: Record<string, unknown>;
  parentNode: HTMLElement;
}

/** The IFrame API of one call: it draws an IFrame, keeps listeners, records commands, and leaves the way Jitsi does. */
export class FakeJitsiMeetExternalApi {
  static instances: FakeJitsiMeetExternalApi[] = [];

  readonly commands: string[] = [];
  disposed = false;
  private joined = false;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly frame: HTMLIFrameElement;

  constructor(
    readonly domain: string,
    readonly options: FakeCallOptions,
  ) {
    this.frame = document.createElement('iframe');
    this.frame.title = 'Video call';
    options.parentNode.appendChild(this.frame);
    FakeJitsiMeetExternalApi.instances.push(this);
  }

  addListener(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  on(event: string, listener: Listener) {
    return this.addListener(event, listener);
  }

  removeListener(event: string, listener: Listener) {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener));
    return this;
  }

  /** The conference reports `event`, e.g. "videoConferenceJoined" once the viewer is in. */
  emit(event: string, ...args: unknown[]) {
    if (event === 'videoConferenceJoined') this.joined = true;
    if (event === 'videoConferenceLeft') this.joined = false;
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  /** Hanging up or ending the conference takes the viewer out: Jitsi says they left, then that it may close. */
  executeCommand(name: string) {
    this.commands.push(name);
    if ((name === 'hangup' || name === 'endConference') && this.joined) {
      this.emit('videoConferenceLeft', { roomName: this.options.roomName });
      this.emit('readyToClose');
    }
  }

  dispose() {
    this.disposed = true;
    this.listeners.clear();
    this.frame.remove();
  }

  static reset() {
    FakeJitsiMeetExternalApi.instances = [];
  }

  static latest(): FakeJitsiMeetExternalApi {
    const api = FakeJitsiMeetExternalApi.instances.at(-1);
    if (!api) throw new Error('No call has been created');
    return api;
  }
}

/** As if a Jitsi script had already run on this page. */
export function installJitsi() {
  Object.assign(window, { JitsiMeetExternalAPI: FakeJitsiMeetExternalApi });
}

/** The script tag loading `src`, if one is in the document. */
export const jitsiScript = (src: string) => document.head.querySelector<HTMLScriptElement>(`script[src="${src}"]`);

/** The server answers the script: it runs and defines the API. */
export function loadScript(script: HTMLScriptElement) {
  installJitsi();
  script.dispatchEvent(new Event('load'));
}

/** The script can't be fetched (offline, blocked). */
export function failScript(script: HTMLScriptElement) {
  script.dispatchEvent(new Event('error'));
}

/** After each test: no API on the page, and every script still loading fails, so no load is left pending for the next test. */
export function uninstallJitsi() {
  Reflect.deleteProperty(window, 'JitsiMeetExternalAPI');
  document.head.querySelectorAll<HTMLScriptElement>('script[src$="external_api.js"]').forEach(failScript);
  FakeJitsiMeetExternalApi.reset();
}

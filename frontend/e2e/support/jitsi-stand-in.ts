import type { BrowserContext, Page } from 'playwright-core';

/**
 * A small local stand-in for a Jitsi server, so the call journey needs no network: the browser context answers
 * `https://<domain>/external_api.js` with a JitsiMeetExternalAPI that embeds an iframe of `https://<domain>/<room>`
 * (also answered here) and lets the test fire the events a real call fires. The app loads it exactly as it loads
 * the real script — from the configured domain, under the page's Content-Security-Policy.
 */
const EXTERNAL_API = String.raw`
(function () {
  function JitsiMeetExternalAPI(domain, options) {
    var listeners = {};
    var iframe = document.createElement('iframe');
    iframe.src = 'https://' + domain + '/' + encodeURIComponent(options.roomName) + (options.jwt ? '?jwt=' + options.jwt : '');
    iframe.title = 'Video call (stand-in)';
    iframe.allow = 'camera; microphone; display-capture';
    iframe.style.border = '0';
    iframe.style.width = '100%';
    iframe.style.height = '100%';
    iframe.style.minHeight = '360px';
    (options.parentNode || document.body).appendChild(iframe);
    function emit(name, data) { (listeners[name] || []).slice().forEach(function (fn) { fn(data || {}); }); }
    var api = {
      on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); return api; },
      addListener: function (name, fn) { return api.on(name, fn); },
      addEventListener: function (name, fn) { return api.on(name, fn); },
      off: function (name, fn) { listeners[name] = (listeners[name] || []).filter(function (f) { return f !== fn; }); return api; },
      removeListener: function (name, fn) { return api.off(name, fn); },
      removeAllListeners: function () { listeners = {}; return api; },
      executeCommand: function (command) {
        window.__jitsiStandIn.commands.push(command);
        if (command === 'hangup' || command === 'endConference') {
          emit('videoConferenceLeft', { roomName: options.roomName });
          emit('readyToClose', {});
        }
      },
      getIFrame: function () { return iframe; },
      dispose: function () { iframe.remove(); },
    };
    window.__jitsiStandIn.instances.push({ domain: domain, options: { roomName: options.roomName, jwt: options.jwt || null, userInfo: options.userInfo || null }, emit: emit });
    return api;
  }
  window.__jitsiStandIn = window.__jitsiStandIn || { instances: [], commands: [] };
  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
`;

const ROOM_PAGE = '<!doctype html><html><body style="margin:0;background:#1d1f24;color:#e8e8e8;font:16px sans-serif;display:grid;place-items:center;height:100vh">Video call (local stand-in)</body></html>';

/** Answers the domain's script and room pages in this browser context; returns how many script loads it served. */
export async function serveJitsiStandIn(context: BrowserContext, domain: string, options: { failFirst?: number } = {}): Promise<() => number> {
  let served = 0;
  let failuresLeft = options.failFirst ?? 0;
  await context.route(`https://${domain}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/external_api.js')) {
      if (failuresLeft > 0) {
        failuresLeft--;
        await route.abort('internetdisconnected');
        return;
      }
      served++;
      await route.fulfill({ status: 200, contentType: 'application/javascript', body: EXTERNAL_API });
      return;
    }
    await route.fulfill({ status: 200, contentType: 'text/html', body: ROOM_PAGE });
  });
  return () => served;
}

/** What the call page gave the stand-in when it entered the call (room, token, display name). */
export async function enteredCall(page: Page): Promise<{ domain: string; options: { roomName: string; jwt: string | null; userInfo: { displayName?: string } | null } }> {
  await page.waitForFunction(() => (window as unknown as { __jitsiStandIn?: { instances: unknown[] } }).__jitsiStandIn?.instances.length);
  return page.evaluate(() => {
    const last = (window as unknown as { __jitsiStandIn: { instances: { domain: string; options: never }[] } }).__jitsiStandIn.instances.at(-1)!;
    return { domain: last.domain, options: last.options };
  });
}

/** Fires an event of the latest call, as the video server would (videoConferenceJoined, videoConferenceLeft…). */
export async function fireCallEvent(page: Page, name: string, data: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    ([eventName, eventData]) => (window as unknown as { __jitsiStandIn: { instances: { emit: (n: string, d: unknown) => void }[] } }).__jitsiStandIn.instances.at(-1)!.emit(eventName as string, eventData),
    [name, data] as const,
  );
}

/** Commands the page sent to the call (hangup, endConference…). */
export const callCommands = (page: Page) => page.evaluate(() => (window as unknown as { __jitsiStandIn?: { commands: string[] } }).__jitsiStandIn?.commands ?? []);

// The site's browser-test harness in one import: chromium, the static server, the page watcher.
export { chromiumPath, launchBrowser, useBrowser, type BrowserLaunch } from './browser.ts';
export { contentType, serveSite, type ServedSite, type ServeOptions } from './serve.ts';
export { openPage, watchPage, type OpenedPage, type PageWatcher } from './watch.ts';

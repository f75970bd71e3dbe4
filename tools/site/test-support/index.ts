// The site's browser-test harness in one import: chromium, the static server (with its log of the
// bytes it sent), the page watcher.
//
//   const browser = await useBrowser(); // undefined (and one line printed) without chromium
//   describe.skipIf(!browser)('the leaderboard', () => {
//     let site: ServedSite;
//     beforeAll(async () => (site = await serveSite(builtDir, { basePath: '/pwc-data/' })));
//     afterAll(() => site.close());
//     it('...', async () => {
//       const { page, watcher, close } = await openPage(browser!, site.origin, `${site.url}sota/t/d/`);
//       ... page.getByRole(...) ...
//       expect(watcher.problems()).toEqual([]); // no failed request, page or console error, third-party request
//       await close();
//     });
//   });
//
// A page must declare an icon (<link rel="icon" ...>), or chromium's own /favicon.ico request 404s.
export { chromiumPath, launchBrowser, type BrowserLaunch } from './browser.ts';
export { useBrowser } from './use-browser.ts';
export { contentType, serveSite, type ServedRequest, type ServedSite, type ServeOptions } from './serve.ts';
export { openPage, watchPage, type OpenedPage, type PageWatcher } from './watch.ts';

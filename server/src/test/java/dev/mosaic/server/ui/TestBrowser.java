package dev.mosaic.server.ui;


import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium from Debian's {@code chromium} package driven by Playwright for Java; Playwright never
 * downloads a browser of its own. One per test class.
 */
final class TestBrowser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get(System.getProperty("mosaic.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Paths.get(System.getProperty("mosaic.screenshots", "target/screenshots"));
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    TestBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
    }

    /** A new, cookie-less browser window of the given width. */
    Page newPage(int width, int height) {
        return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height).setAcceptDownloads(true)).newPage();
    }

    /** Saves the whole page at the current width and, narrowed to a phone's 390 px, again. */
    static void screenshots(Page page, String name) {
        var size = page.viewportSize();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + "-1280.png")));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + "-390.png")));
        page.setViewportSize(size.width, size.height);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

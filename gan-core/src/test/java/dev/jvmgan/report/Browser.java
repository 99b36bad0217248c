package dev.jvmgan.report;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven through its chromedriver, offline: no Selenium Manager download, no
 * background networking, a fresh profile. Every page load collects the page's errors (uncaught exceptions,
 * console.error, resources that fail to load, content-security-policy violations) through a hook installed before
 * any of the page's own script runs, plus the browser's own log at level SEVERE. Public for the other packages'
 * pages (the study's {@code study.html}).
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String HOOK = """
            window.__pageErrors = [];
            window.addEventListener('error', function (e) {
              var t = e.target;
              window.__pageErrors.push(t && t !== window && (t.src || t.href)
                  ? 'failed to load ' + t.tagName + ' ' + String(t.src || t.href).slice(0, 60) : 'error: ' + e.message);
            }, true);
            window.addEventListener('securitypolicyviolation', function (e) {
              window.__pageErrors.push('CSP blocked ' + e.blockedURI + ' (' + e.violatedDirective + ')');
            });
            var originalError = console.error;
            console.error = function () {
              window.__pageErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
              return originalError.apply(console, arguments);
            };
            """;

    /** Held, so the setting outlives garbage collection: Selenium's warning that it has no CDP bindings for this
     * Chromium is noise here (only a raw CDP command is used, which needs none). */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts the browser, or skips the calling test when Chromium is not installed, unless in CI ({@code CI} set),
     * where .ci/run installs it and its absence is a failure.
     */
    public static Browser startOrSkip(Path profile) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver; .ci/run installs them";
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, "skipped: " + missing);
        // Selenium Manager would look for a driver online; the explicit paths and these keep it out of the way.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOOK));
        return new Browser(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code file} and waits until the page and its images have loaded. */
    public void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
        ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "if (document.readyState === 'complete') { done(); } else { addEventListener('load', function () { done(); }); }");
    }

    public Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** The errors of the current page: the hook's, and SEVERE entries of the browser's log. */
    @SuppressWarnings("unchecked")
    public List<String> errors() {
        List<String> errors = new ArrayList<>((List<String>) script("return window.__pageErrors || ['no error hook'];"));
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add("browser log: " + entry.getMessage());
            }
        }
        return errors;
    }

    /** A screenshot of the whole page (the window stretched to its height) written to {@code file}. */
    public void screenshot(Path file, int width) throws IOException {
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height, 16000)));
        // The window's size includes the browser's own bars: grow it by what the page's viewport lacks, or the
        // screenshot cuts off the page's end.
        long lacking = height - (Long) script("return window.innerHeight;");
        if (lacking > 0) {
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + lacking, 16000)));
        }
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    @Override
    public void close() {
        driver.quit();
    }
}

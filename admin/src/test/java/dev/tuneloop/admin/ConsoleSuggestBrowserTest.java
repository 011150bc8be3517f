package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.record.InteractionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console's suggestion and blind-review panel (console-suggest.js) in a real headless Chromium. */
class ConsoleSuggestBrowserTest {
    @TempDir
    Path dir;

    Harness h;
    ReviewQueue queue;
    WebDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void start() {
        if (!Files.isExecutable(ConsoleBrowserTest.CHROMIUM) || !Files.isExecutable(ConsoleBrowserTest.CHROMEDRIVER)) {
            String msg = "the console browser test needs chromium and chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + "; under CI it must not be skipped");
            }
            Assumptions.abort(msg);
        }
        h = Harness.start((hh, b) -> {
            queue = ReviewQueue.builder(hh.curator, hh.store.claims())
                    .clock(Harness.CLOCK)
                    .blindDoubleReview(hh.store.blindReviews(), 1.0)
                    .build();
            return b.reviewQueue(queue).suggestions(hh.store.suggestions(), hh.store.examples());
        });
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ConsoleBrowserTest.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ConsoleBrowserTest.CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--window-size=1440,1400",
                "--user-data-dir=" + dir.resolve("profile").toAbsolutePath());
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void showsTheSuggestionReadOnlyAndSettlesADisagreementWithTheKappaFigures() {
        InteractionId a = h.record("What was Apple's revenue?", "About $90B.", null, 10);
        InteractionId b = h.record("What is <b>EPS</b>?", "Earnings per share.", null, 11);
        for (InteractionId id : new InteractionId[] {a, b}) {
            h.store
                    .suggestions()
                    .save(new Suggestion(
                            id,
                            "key-" + id,
                            "gpt-4o-mini",
                            Category.of("sec_10q"),
                            new QualityScore(7),
                            "cites <i>no</i> filing",
                            "A better answer",
                            Harness.CLOCK.instant()));
        }
        // b: reviewed blind by two people who disagree
        queue.submit(b, Review.by("alice").category("sec_10q").quality(8).build());
        queue.submitRejection(b, "too generic", "bob");

        driver.get(h.server.consoleUri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(Harness.TOKEN);
        driver.findElement(By.id("reviewer-name")).sendKeys("carol");
        driver.findElement(By.id("login-button")).click();

        WebElement suggestion = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestion")));
        wait.until(ExpectedConditions.textToBePresentInElement(suggestion, "score: 7"));
        assertThat(suggestion.getText())
                .contains("Suggestion (pre-reviewer gpt-4o-mini, not a decision)")
                .contains("category: sec_10q")
                .contains("cites <i>no</i> filing"); // shown as text, never as HTML
        assertThat(suggestion.findElements(By.tagName("textarea"))).isEmpty(); // read-only

        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("blind-review")));
        wait.until(ExpectedConditions.textToBePresentInElement(panel, "Disagreements to settle (1)"));
        assertThat(driver.findElement(By.id("agreement-figures")).getText())
                .contains("alice + bob: 1 items, kappa")
                .contains("suggestions vs decisions: 0 items");
        WebElement item = driver.findElement(By.cssSelector("#disagreements li"));
        assertThat(item.getText()).contains("alice: approve, sec_10q, 8").contains("bob: reject (too generic)");

        // no reason: the server's 400 names the field, nothing is settled
        item.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(item, "reason is required"));
        assertThat(h.store.examples().findBySource(b)).isEmpty();

        item.findElement(By.name("reason")).sendKeys("a revenue figure from the 10-Q");
        item.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("blind-review"), "Disagreements to settle (0)"));
        BlindCase settled = h.store.blindReviews().find(b).orElseThrow();
        assertThat(settled.settled().orElseThrow().settledBy()).isEqualTo("carol");
        assertThat(settled.settled().orElseThrow().reason()).isEqualTo("a revenue figure from the 10-Q");
        assertThat(h.store.examples().findBySource(b).orElseThrow().category()).isEqualTo(Category.of("sec_10q"));
    }
}

package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.testing.ScriptedChatModel;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's suggestion, pre-review control and blind-review panel (console-suggest.js) in a real headless
 * Chromium.
 */
class ConsoleSuggestBrowserTest {
    @TempDir
    Path dir;

    Harness h;
    ReviewQueue queue;
    WebDriver driver;
    WebDriverWait wait;
    /** The pre-reviewer's model answers only once the test opens this gate. */
    volatile CountDownLatch gate = new CountDownLatch(0);

    final ScriptedChatModel model = ScriptedChatModel.builder()
            .onCall(r -> {
                try {
                    if (!gate.await(15, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            })
            .fallback(PreReviewEndpointsTest::byNumber)
            .build();

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
            PreReviewer pre = PreReviewer.builder(model, "gpt-4o-mini", hh.store.suggestions())
                    .taxonomy(Taxonomy.SEED)
                    .prices(PriceTable.builder()
                            .price("gpt-4o-mini", new BigDecimal("10.00"))
                            .build())
                    .clock(Harness.CLOCK)
                    .build();
            return b.reviewQueue(queue)
                    .suggestions(hh.store.suggestions(), hh.store.examples())
                    .preReview(pre)
                    .clock(Harness.CLOCK);
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
        gate.countDown();
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

    @Test
    void preReviewsFromThePageAfterAnEstimateAndAConfirmationAndShowsItsProgress() throws IOException {
        List<InteractionId> ids = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ids.add(h.record("Question " + k + " on the 10-Q?", "Answer " + k + ".", null, 10 + k));
        }
        gate = new CountDownLatch(1);
        driver.get(h.server.consoleUri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(Harness.TOKEN);
        driver.findElement(By.id("reviewer-name")).sendKeys("carol");
        driver.findElement(By.id("login-button")).click();

        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pre-review")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pre-review-progress"), "No run yet."));
        assertThat(driver.findElement(By.id("pre-review-run")).isEnabled()).isFalse(); // estimate first
        driver.findElement(By.id("pre-review-estimate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("pre-review-estimate-text"), "3 candidates, 0 cached: 3 model calls"));
        assertThat(box.getText()).contains("estimated cost $");
        assertThat(model.callCount()).isZero();

        // a budget below the estimate: the server refuses, naming the field, and calls nothing
        driver.findElement(By.id("pre-review-budget")).sendKeys("0.001");
        driver.findElement(By.id("pre-review-run")).click();
        String question = wait.until(ExpectedConditions.alertIsPresent()).getText();
        assertThat(question).contains("3 model calls", "Budget: $0.001");
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pre-review-message"), "max_usd is 0.001"));
        assertThat(model.callCount()).isZero();

        // declining the confirmation starts nothing
        driver.findElement(By.id("pre-review-budget")).clear();
        driver.findElement(By.id("pre-review-run")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pre-review-message"), "Not started"));
        assertThat(h.get("review/pre-review/runs/current").body()).contains("\"state\":\"none\"");

        driver.findElement(By.id("pre-review-run")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        // the model holds every call: the page shows the run going
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("pre-review-progress"), "Running: 0 of 3 done"));
        assertThat(driver.findElement(By.id("pre-review-run")).isEnabled()).isFalse();
        gate.countDown();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("pre-review-progress"), "Finished: 3 of 3 done (3 called, 3 suggested, 0 cached, 0 failed"));
        assertThat(model.callCount()).isEqualTo(3);
        for (InteractionId id : ids) {
            assertThat(h.store.suggestions().find(id)).isPresent();
        }
        // the card now shows the current candidate's new suggestion
        WebElement suggestion = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestion")));
        wait.until(ExpectedConditions.textToBePresentInElement(suggestion, "category: sec_10q"));
        saveScreenshot("console-pre-review.png");

        // estimated again: everything is cached, a second run calls nothing
        driver.findElement(By.id("pre-review-estimate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("pre-review-estimate-text"), "3 cached: 0 model calls"));
        driver.findElement(By.id("pre-review-run")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("pre-review-progress"), "Finished: 3 of 3 done (0 called, 0 suggested, 3 cached"));
        assertThat(model.callCount()).isEqualTo(3);
    }

    private void saveScreenshot(String name) throws IOException {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}

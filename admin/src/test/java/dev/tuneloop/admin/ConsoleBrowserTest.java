package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.InteractionId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Reviews candidates through the console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}). Under CI ({@code CI=true}) a missing browser fails the test; elsewhere it is skipped with
 * a message saying what to install.
 */
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path profile;

    Harness h;
    WebDriver driver;
    WebDriverWait wait;
    InteractionId edited;
    InteractionId plain;
    InteractionId hostile;

    @BeforeEach
    void start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String msg = "the console browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + "; under CI it must not be skipped");
            }
            Assumptions.abort(msg);
        }
        h = Harness.start((hh, b) -> b.readiness(ReadinessChecklist.create(Harness.CLOCK), hh.store.examples())
                .metrics(FlywheelMetrics.builder(hh.store.interactions(), hh.store.examples())
                        .clock(Harness.CLOCK)
                        .build())
                .export(JsonlExporter.create(hh.store.examples())));
        // some history, so the checklist and the metrics have figures to show
        for (int i = 0; i < 6; i++) {
            h.approve(
                    h.record("Earlier question " + i + " on 10-K filings?", "Earlier answer " + i + ".", null, 600 + i),
                    7 + i % 3);
        }
        plain = h.record(
                "What was NVIDIA's revenue in Q3 FY2025?",
                "NVIDIA reported Q3 FY2025 revenue of $35.1B, up 94% year over year.",
                null,
                20);
        hostile = h.record(
                "<img src=x onerror=\"document.title='owned'\"> What is GAAP EPS?",
                "<b>GAAP</b> EPS was $0.78.",
                null,
                40);
        edited = h.record(
                "What was NVIDIA's stock-based compensation in Q3?",
                "Total SBC was $1.4B, mostly R&D.",
                "According to the 10-Q, total stock-based compensation was $1.40 billion, mostly R&D ($941 million).",
                90);

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        profile.resolve("downloads").toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
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

    private void login() {
        login(3);
    }

    private void login(int candidates) {
        driver.get(h.server.consoleUri().toString());
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys(Harness.TOKEN);
        driver.findElement(By.id("reviewer-name")).sendKeys("ana");
        driver.findElement(By.id("login-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#candidates .candidate")).size() == candidates);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ready"), "Not ready"));
    }

    private void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    @Test
    void reviews_the_edited_candidate_first_and_approves_it_with_the_keyboard() throws IOException {
        login();
        List<WebElement> items = driver.findElements(By.cssSelector("#candidates .candidate"));
        assertThat(items.get(0).getAttribute("class")).contains("current");
        assertThat(items.get(0).getText()).contains("edited").contains("stock-based compensation");
        assertThat(driver.findElement(By.id("question")).getText())
                .isEqualTo("What was NVIDIA's stock-based compensation in Q3?");
        assertThat(driver.findElements(By.cssSelector("#edited ins")).stream()
                        .map(WebElement::getText)
                        .toList())
                .anyMatch(t -> t.contains("billion"));
        assertThat(driver.findElements(By.cssSelector("#original del")).stream()
                        .map(WebElement::getText)
                        .toList())
                .anyMatch(t -> t.contains("$1.4B"));
        assertThat(driver.findElement(By.id("answer")).getAttribute("value")).startsWith("According to the 10-Q");
        saveScreenshot("console-screenshot.png");

        WebElement answer = driver.findElement(By.id("answer"));
        answer.clear();
        answer.sendKeys("Stock-based compensation was $1.40 billion in Q3 FY2025 (10-Q).");
        keys(Keys.ESCAPE);
        new Select(driver.findElement(By.id("category"))).selectByValue("sbc_breakdown");
        keys(Keys.ESCAPE);
        keys("8");
        assertThat(driver.findElement(By.cssSelector(".score-button.selected")).getText())
                .isEqualTo("8");
        keys("a");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Approved"));
        wait.until(d -> d.findElements(By.cssSelector("#candidates .candidate")).size() == 2);
        TrainingExample stored = h.store.examples().findBySource(edited).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExampleStatus.APPROVED);
        assertThat(stored.trainingResponse())
                .isEqualTo("Stock-based compensation was $1.40 billion in Q3 FY2025 (10-Q).");
        assertThat(stored.category().name()).isEqualTo("sbc_breakdown");
        assertThat(stored.quality().value()).isEqualTo(8);
        assertThat(stored.reviewer()).isEqualTo("ana");
        assertThat(h.store.examples().findBySource(plain)).isEmpty();

        // the export button downloads what the export endpoint serves, with the token
        WebElement min = driver.findElement(By.id("export-min"));
        min.clear();
        min.sendKeys("5");
        driver.findElement(By.id("export")).click();
        List<TrainingExample> train = new ArrayList<>();
        h.store.examples().scan(ExampleQuery.approved().withSplit(Split.TRAIN).withMinQuality(5), train::add);
        assertThat(train).isNotEmpty();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("status"), "Exported " + train.size() + " examples (min quality 5)"));
    }

    @Test
    void rejects_with_a_reason_and_shows_hostile_text_as_text() {
        login();
        // the page must not have run the question's markup
        assertThat(driver.getTitle()).isEqualTo("Tuneloop · review console");
        assertThat(driver.findElements(By.cssSelector("#candidates img, #question img, #original b")))
                .isEmpty();

        keys("j", "j");
        assertThat(driver.findElement(By.id("question")).getText()).startsWith("<img src=x onerror=");
        assertThat(driver.findElement(By.id("original")).getText()).isEqualTo("<b>GAAP</b> EPS was $0.78.");
        keys("k");
        assertThat(driver.findElement(By.id("question")).getText()).startsWith("What was NVIDIA's revenue");
        keys("j");
        keys("r");
        WebElement reason = driver.findElement(By.id("reason"));
        wait.until(d -> reason.equals(d.switchTo().activeElement()));
        reason.sendKeys("not a real question", Keys.ENTER);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Rejected"));
        TrainingExample stored = h.store.examples().findBySource(hostile).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExampleStatus.REJECTED);
        assertThat(stored.rejectReason()).isEqualTo("not a real question");
        assertThat(stored.reviewer()).isEqualTo("ana");
        assertThat(driver.getTitle()).isEqualTo("Tuneloop · review console");
    }

    @Test
    void shows_the_tool_calls_and_results_as_text_and_approves_an_improved_final_answer() {
        InteractionId tools = h.recordToolCalling(
                "Compare NVDA and AMD revenue per their 10-Q.",
                new String[] {"{\"ticker\":\"NVDA\"}", "{\"ticker\":\"<img src=x onerror=alert(1)>\"}"},
                new String[] {"{\"revenue\":\"35.1B\"}", "<b>6.8B</b>"},
                "NVDA earned more.",
                1); // the newest, so second after the edited one
        login(4);
        assertThat(driver.findElement(By.id("steps-box")).isDisplayed()).isFalse(); // the edited one has no calls
        keys("j");
        assertThat(driver.findElement(By.id("question")).getText()).startsWith("Compare NVDA and AMD");
        assertThat(driver.findElement(By.id("steps-box")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("tools-offered")).getText()).isEqualTo("offered: get_filing");
        List<String> calls = driver.findElements(By.cssSelector("#steps .call")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(calls)
                .containsExactly(
                        "→ get_filing({\"ticker\":\"NVDA\"}) [call_0]",
                        "→ get_filing({\"ticker\":\"<img src=x onerror=alert(1)>\"}) [call_1]");
        List<String> results = driver.findElements(By.cssSelector("#steps .result")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(results).containsExactly("← call_0: {\"revenue\":\"35.1B\"}", "← call_1: <b>6.8B</b>");
        assertThat(driver.findElements(By.cssSelector("#steps img, #steps b"))).isEmpty();
        assertThat(driver.findElement(By.id("original")).getText()).isEqualTo("NVDA earned more.");

        WebElement answer = driver.findElement(By.id("answer"));
        answer.clear();
        answer.sendKeys("Per the 10-Qs, NVIDIA's revenue was $35.1B and AMD's $6.8B.");
        keys(Keys.ESCAPE);
        new Select(driver.findElement(By.id("category"))).selectByValue("comparison");
        keys(Keys.ESCAPE);
        keys("8");
        keys("a");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Approved"));
        TrainingExample stored = h.store.examples().findBySource(tools).orElseThrow();
        assertThat(stored.trainingResponse()).isEqualTo("Per the 10-Qs, NVIDIA's revenue was $35.1B and AMD's $6.8B.");
        assertThat(stored.steps()).hasSize(3);
        assertThat(stored.steps().get(0).toolCalls()).hasSize(2);
    }

    @Test
    void a_wrong_token_is_asked_again() throws IOException {
        driver.get(h.server.consoleUri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys("wrong-token-0123456789");
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
        assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
        saveScreenshot("console-login.png");
    }

    /** Keeps a picture of the page in target/ for a person to look at (the README's picture is one of them). */
    private void saveScreenshot(String name) throws IOException {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

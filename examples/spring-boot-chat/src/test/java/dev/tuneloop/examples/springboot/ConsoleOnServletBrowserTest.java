package dev.tuneloop.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The review console served by the application's own embedded server (the starter's servlet), in a real headless
 * Chromium (Debian's {@code chromium} and {@code chromium-driver}): log in with the token, reject a candidate with a
 * reason. Under CI ({@code CI=true}) a missing browser fails the test; elsewhere it is skipped.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-test;DB_CLOSE_DELAY=-1",
            "tuneloop.admin.token=" + ConsoleOnServletBrowserTest.TOKEN
        })
class ConsoleOnServletBrowserTest {
    static final String TOKEN = "browser-token-0123456789abcdef";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Value("${local.server.port}")
    int port;

    @Autowired
    InteractionRecorder recorder;

    @Autowired
    Store store;

    @TempDir
    Path profile;

    WebDriver driver;

    @BeforeEach
    void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String msg = "this test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + "; under CI it must not be skipped");
            }
            Assumptions.abort(msg);
        }
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
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aReviewerRejectsACandidateThroughTheConsoleOnTheAppsOwnPort() {
        InteractionId id = recorder.log(Interaction.builder()
                .userId("user-7")
                .systemPrompt("You answer questions about company filings.")
                .userMessage("What was the operating margin in Q2?")
                .assistantResponse("The operating margin was 31%.")
                .modelUsed("gpt-4o-mini")
                .build());
        recorder.rate(id, Rating.up());
        // a second candidate keeps the card (and its message line) on screen after the first is rejected
        InteractionId other = recorder.log(Interaction.builder()
                .userId("user-8")
                .systemPrompt("You answer questions about company filings.")
                .userMessage("How many shares were bought back in Q2?")
                .assistantResponse("12 million shares were bought back.")
                .modelUsed("gpt-4o-mini")
                .build());
        recorder.rate(other, Rating.up());
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();

        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get("http://localhost:" + port + "/tuneloop/admin/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(TOKEN);
        driver.findElement(By.id("reviewer-name")).sendKeys("ana");
        driver.findElement(By.id("login-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#candidates .candidate")).size() == 2);
        // the keyboard works once the page has loaded the candidates and the readiness checklist
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ready"), "Not ready"));
        String shown = driver.findElement(By.id("question")).getText();
        assertThat(shown).isIn("What was the operating margin in Q2?", "How many shares were bought back in Q2?");
        InteractionId rejected = shown.startsWith("What was") ? id : other;

        new Actions(driver).sendKeys("r").perform();
        WebElement reason = driver.findElement(By.id("reason"));
        wait.until(d -> reason.equals(d.switchTo().activeElement()));
        reason.sendKeys("answer not sourced", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Rejected"));

        wait.until(d -> d.findElements(By.cssSelector("#candidates .candidate")).size() == 1);
        TrainingExample stored = store.examples().findBySource(rejected).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExampleStatus.REJECTED);
        assertThat(stored.rejectReason()).isEqualTo("answer not sourced");
        assertThat(stored.reviewer()).isEqualTo("ana");
    }
}

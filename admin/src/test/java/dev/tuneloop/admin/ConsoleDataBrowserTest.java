package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.ExampleImporter;
import dev.tuneloop.export.JsonlExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console's training-data panel (console-data.js) in a real headless Chromium: import form and preset export. */
class ConsoleDataBrowserTest {
    @TempDir
    Path dir;

    Harness h;
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
        h = Harness.start((hh, b) -> b.export(JsonlExporter.create(hh.store.examples(), hh.store.interactions()))
                .workDirectory(dir)
                .imports(ExampleImporter.create(
                        hh.store.examples(),
                        CurationOptions.builder()
                                .clock(Harness.CLOCK)
                                .taxonomy(Taxonomy.SEED)
                                .build())));
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
    void importsACsvAllOrNothingThenSkippingAndExportsAChosenPreset() throws IOException {
        Path csv = dir.resolve("golden.csv");
        Files.writeString(
                csv,
                "question,answer,category,quality\n"
                        + "What was Apple's fiscal 2023 revenue?,$383.3 billion.,sec_10k,9\n"
                        + "What is <b>EPS</b>?,Earnings per share.,crypto,7\n");
        driver.get(h.server.consoleUri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(Harness.TOKEN);
        driver.findElement(By.id("reviewer-name")).sendKeys("ana");
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-file")));

        driver.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-report"), "Nothing imported"));
        String report = driver.findElement(By.id("import-report")).getText();
        assertThat(report).contains("line 3").contains("category").contains("category_not_in_taxonomy");
        assertThat(stored()).isEmpty();

        driver.findElement(By.id("import-skip")).click();
        driver.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-report"), "Imported 1 of 2"));
        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.provenance().importedBy()).isEqualTo("ana");
            assertThat(e.provenance().sourceName()).isEqualTo("golden.csv");
        });

        new Select(driver.findElement(By.id("data-preset"))).selectByValue("trl_kto");
        driver.findElement(By.id("data-export")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("data-status"), "as TRL_KTO"));
        assertThat(driver.findElement(By.id("data-status")).getText()).contains("desirable");

        new Select(driver.findElement(By.id("data-preset"))).selectByValue("chat_kto");
        driver.findElement(By.id("data-export")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("data-status"), "as CHAT_KTO"));
        // the one imported example is exported unless the holdout (assigned by its random id) took it
        boolean train = stored().get(0).split() == dev.tuneloop.curate.Split.TRAIN;
        assertThat(driver.findElement(By.id("data-status")).getText())
                .contains(train ? "Exported 1 lines as CHAT_KTO (1 desirable" : "Exported 0 lines as CHAT_KTO");
    }

    private List<TrainingExample> stored() {
        List<TrainingExample> out = new ArrayList<>();
        h.store.examples().scan(ExampleQuery.all(), out::add);
        return out;
    }
}

package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuneloop.curate.Claim;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ReadinessVerdict;
import dev.tuneloop.tune.TrainingDataSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The loop's console pages in a real headless Chromium, set up like {@link ConsoleBrowserTest}: two reviewers'
 * claims, a launch against the fake provider watched to SUCCEEDED, the evaluation report in its sandboxed frame, and
 * the deployment page's ramp and kill switch, each checked on the server's objects, not only on the page.
 */
class ConsoleLoopBrowserTest {
    @TempDir
    Path profiles;

    Harness h;
    ReviewQueue queue;
    final AbRouter router = AbRouter.create(
            RoutingPlan.fineTunedVsBase("exp-1", EvaluationEndpointsTest.CANDIDATE, "gpt-4o-mini", 2_000));
    final List<WebDriver> drivers = new ArrayList<>();

    @BeforeEach
    void start() {
        boolean present =
                Files.isExecutable(ConsoleBrowserTest.CHROMIUM) && Files.isExecutable(ConsoleBrowserTest.CHROMEDRIVER);
        if (!present) {
            String msg = "the console browser test needs " + ConsoleBrowserTest.CHROMIUM + " and "
                    + ConsoleBrowserTest.CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + "; under CI it must not be skipped");
            }
            Assumptions.abort(msg);
        }
        h = Harness.start((hh, b) -> {
            queue = ReviewQueue.builder(hh.curator, hh.store.claims())
                    .lease(Duration.ofMinutes(20))
                    .clock(Harness.CLOCK)
                    .build();
            FineTuneLauncher launcher = FineTuneLauncher.builder(
                            hh.client,
                            hh.jobs,
                            hh.registry,
                            TrainingDataSource.fromExporter(
                                    JsonlExporter.create(hh.store.examples()), profiles.resolve("work")),
                            ReadinessVerdict::ready)
                    .clock(Harness.CLOCK)
                    .build();
            return b.reviewQueue(queue)
                    .readiness(ReadinessChecklist.create(Harness.CLOCK), hh.store.examples())
                    .export(JsonlExporter.create(hh.store.examples()))
                    .fineTuning(launcher, hh.client, hh.jobs, hh.registry)
                    .deployment(router)
                    .armMetrics(
                            hh.store.interactions(),
                            Guardrail.builder(RoutingPlan.FINE_TUNED_ARM, RoutingPlan.BASE_ARM)
                                    .build(),
                            Duration.ofDays(7))
                    .clock(Harness.CLOCK);
        });
        for (int i = 0; i < 6; i++) {
            h.record("Question " + i + " on the 10-Q?", "Answer " + i + ".", null, 20 + i);
        }
        try {
            Files.createDirectories(profiles.resolve("work"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        drivers.forEach(WebDriver::quit);
        if (h != null) {
            h.close();
        }
        router.close();
    }

    private WebDriver browser() {
        System.setProperty("webdriver.chrome.driver", ConsoleBrowserTest.CHROMEDRIVER.toString());
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
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,1000",
                "--user-data-dir="
                        + profiles.resolve("profile-" + drivers.size()).toAbsolutePath());
        WebDriver d = new ChromeDriver(service, options);
        drivers.add(d);
        return d;
    }

    private static WebDriverWait waitOn(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
    }

    private void login(WebDriver d, String reviewer) {
        d.get(h.server.consoleUri().toString());
        WebElement token = waitOn(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys(Harness.TOKEN);
        d.findElement(By.id("reviewer-name")).sendKeys(reviewer);
        d.findElement(By.id("login-button")).click();
        waitOn(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("loop-tabs")));
    }

    private static Set<String> claimedOnPage(WebDriver d) {
        return idsOf(d, "#queue-mine li");
    }

    /** The interaction ids of the elements {@code selector} matches, read in one script (lists are re-rendered). */
    private static Set<String> idsOf(WebDriver d, String selector) {
        Object ids = ((JavascriptExecutor) d)
                .executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.dataset.interactionId)",
                        selector);
        Set<String> out = new HashSet<>();
        for (Object id : (List<?>) ids) {
            out.add(String.valueOf(id));
        }
        return out;
    }

    /** The candidates the review page lists (in its "only my claims" view or not). */
    private static Set<String> onReviewPage(WebDriver d) {
        return idsOf(d, "#candidates .candidate");
    }

    private static String current(WebDriver d) {
        Set<String> ids = idsOf(d, "#candidates .candidate.current");
        assertThat(ids).hasSize(1);
        return ids.iterator().next();
    }

    private static Set<String> plus(Set<String> a, String x) {
        Set<String> out = new HashSet<>(a);
        out.add(x);
        return out;
    }

    @Test
    void two_reviewers_in_two_browsers_never_get_the_same_candidate() throws IOException {
        WebDriver ana = browser();
        WebDriver bo = browser();
        login(ana, "ana");
        login(bo, "bo");
        for (WebDriver d : List.of(ana, bo)) {
            d.findElement(By.id("tab-queue")).click();
            waitOn(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-claim")));
            WebElement max = d.findElement(By.id("queue-max"));
            max.clear();
            max.sendKeys("4");
        }
        // both ask at once: the queue decides
        ana.findElement(By.id("queue-claim")).click();
        bo.findElement(By.id("queue-claim")).click();
        for (WebDriver d : List.of(ana, bo)) {
            waitOn(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-message"), "Claimed"));
        }
        Set<String> anas = claimedOnPage(ana);
        Set<String> bos = claimedOnPage(bo);
        assertThat(anas).isNotEmpty();
        assertThat(bos).isNotEmpty();
        assertThat(anas).doesNotContainAnyElementsOf(bos);
        assertThat(anas.size() + bos.size()).isEqualTo(6);
        // the page shows what the queue holds
        List<Claim> claims = queue.claims();
        assertThat(claims).hasSize(6);
        for (Claim c : claims) {
            Set<String> shown = c.reviewer().equals("ana") ? anas : bos;
            assertThat(shown).contains(c.interactionId().toString());
        }
        // a second claim finds nothing left; the team table shows both reviewers
        bo.findElement(By.id("queue-claim")).click();
        waitOn(bo).until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-message"), "Claimed 0"));
        String team = bo.findElement(By.id("queue-team")).getText();
        assertThat(team).contains("ana", "bo");

        // claim -> review -> next on the review page: each reviewer works only what they hold
        for (WebDriver d : List.of(ana, bo)) {
            d.findElement(By.id("queue-review")).click();
            waitOn(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("mine-only")));
            assertThat(d.findElement(By.id("mine-only")).isSelected()).isTrue();
            assertThat(d.findElement(By.id("claim-next")).isDisplayed()).isTrue();
        }
        waitOn(ana).until(x -> onReviewPage(x).equals(anas));
        waitOn(bo).until(x -> onReviewPage(x).equals(bos));
        assertThat(bo.findElement(By.id("status")).getText()).contains(bos.size() + " claimed by you");

        // bo approves the one on his card: stored under his name, its claim ends, the rest stay his
        String approved = current(bo);
        new Select(bo.findElement(By.id("category"))).selectByValue("sec_10q");
        bo.findElement(By.cssSelector(".score-button[data-score='8']")).click();
        bo.findElement(By.id("approve")).click();
        waitOn(bo).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Approved"));
        waitOn(bo).until(x -> onReviewPage(x).size() == bos.size() - 1);
        assertThat(onReviewPage(bo)).doesNotContain(approved);
        TrainingExample stored =
                h.store.examples().findBySource(InteractionId.parse(approved)).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExampleStatus.APPROVED);
        assertThat(stored.reviewer()).isEqualTo("bo");
        assertThat(queue.claims())
                .hasSize(5)
                .noneMatch(c -> c.interactionId().toString().equals(approved));

        // ana rejects the one on her card, with a reason: her claim on it ends as well
        String rejected = current(ana);
        ana.findElement(By.id("reason")).sendKeys("too vague");
        ana.findElement(By.id("reject")).click();
        waitOn(ana).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Rejected"));
        waitOn(ana).until(x -> onReviewPage(x).size() == anas.size() - 1);
        assertThat(h.store
                        .examples()
                        .findBySource(InteractionId.parse(rejected))
                        .orElseThrow()
                        .status())
                .isEqualTo(ExampleStatus.REJECTED);
        Set<String> anaLeft = new HashSet<>(anas);
        anaLeft.remove(rejected);
        Set<String> boLeft = new HashSet<>(bos);
        boLeft.remove(approved);

        // next: nothing is left for ana, since bo holds the rest
        ana.findElement(By.id("claim-next")).click();
        waitOn(ana).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mine-message"), "Claimed 0"));
        assertThat(onReviewPage(ana)).isEqualTo(anaLeft);

        // bo gives one back (Queue tab); ana's next claim takes exactly that one, and it leaves bo's view
        String givenBack = boLeft.iterator().next();
        bo.findElement(By.id("tab-queue")).click();
        waitOn(bo).until(x -> claimedOnPage(x).equals(boLeft));
        bo.findElement(By.cssSelector("#queue-mine li[data-interaction-id='" + givenBack + "'] button"))
                .click();
        waitOn(bo).until(x -> !claimedOnPage(x).contains(givenBack));
        ana.findElement(By.id("claim-next")).click();
        waitOn(ana).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mine-message"), "Claimed 1"));
        waitOn(ana).until(x -> onReviewPage(x).equals(plus(anaLeft, givenBack)));
        saveScreenshot(ana, "console-my-claims.png");
        bo.findElement(By.id("tab-review")).click();
        boLeft.remove(givenBack);
        waitOn(bo).until(x -> onReviewPage(x).equals(boLeft));
        Set<String> onBoth = new HashSet<>(onReviewPage(ana));
        onBoth.retainAll(onReviewPage(bo));
        assertThat(onBoth).isEmpty();

        // the whole list is still one click away
        bo.findElement(By.id("mine-only")).click();
        waitOn(bo).until(x -> onReviewPage(x).size() == 4); // 6 recorded, 2 reviewed
        assertThat(bo.findElement(By.id("claim-next")).isDisplayed()).isFalse();
    }

    @Test
    void a_launch_from_the_console_reaches_succeeded_and_shows_in_the_registry_and_the_report_runs_no_script()
            throws IOException {
        // enough approved training examples for the provider's minimum of 10 (some go to the holdout)
        for (int i = 0; i < 20; i++) {
            h.approve(h.record("Approved " + i + " on the 10-K?", "Approved answer " + i + ".", null, 60 + i), 8);
        }
        WebDriver d = browser();
        login(d, "ana");
        d.findElement(By.id("tab-launch")).click();
        WebDriverWait wait = waitOn(d);
        wait.until(
                x -> !x.findElements(By.cssSelector("#launch-provider option")).isEmpty());
        wait.until(x -> !x.findElement(By.id("launch-ready")).getText().isEmpty());
        WebElement base = d.findElement(By.id("launch-base"));
        base.clear();
        base.sendKeys("gpt-4o-mini");
        d.findElement(By.id("launch-epochs")).sendKeys("2");
        d.findElement(By.id("launch-estimate")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("launch-estimate-table")));
        assertThat(d.findElement(By.id("launch-estimate-table")).getText())
                .contains("Estimated cost", "$", "Epochs", "2");

        // declining the confirmation launches nothing
        d.findElement(By.id("launch-go")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("launch-message"), "Not launched"));
        assertThat(h.client.createRequests()).isEmpty();

        d.findElement(By.id("launch-go")).click();
        String question = wait.until(ExpectedConditions.alertIsPresent()).getText();
        assertThat(question).contains("fake", "gpt-4o-mini", "Estimated cost");
        d.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("launch-message"), "Launched job"));
        assertThat(h.client.createRequests()).hasSize(1);

        d.findElement(By.id("tab-jobs")).click();
        // the jobs page polls the provider until the job ends
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs-table"), "succeeded"));
        String jobId = h.registry.getVersion("v1").jobId();
        assertThat(h.jobs.get(jobId).status()).isEqualTo(JobStatus.SUCCEEDED);
        String model = h.registry.getVersion("v1").fineTunedModel();
        assertThat(model).isNotBlank();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs-versions"), model));
        saveScreenshot(d, "console-jobs.png");

        // the evaluation page frames the report; the report's markup never runs
        EvaluationEndpointsTest.evaluatedOn(h, "v1");
        d.findElement(By.id("tab-evaluation")).click();
        wait.until(x -> !x.findElements(By.cssSelector("#eval-table tbody tr")).isEmpty());
        d.findElement(By.cssSelector("#eval-table tbody tr button")).click();
        WebElement frame = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("eval-frame")));
        assertThat(frame.getAttribute("sandbox")).isEmpty();
        d.switchTo().frame(frame);
        wait.until(x -> x.findElement(By.tagName("body")).getText().contains(EvaluationEndpointsTest.CANDIDATE));
        // the case's category carries markup: shown as text, never as an element
        assertThat(d.findElement(By.tagName("body")).getText()).contains("<img src=x onerror=alert(2)>");
        assertThat(d.findElements(By.tagName("img"))).isEmpty();
        assertThat(d.findElements(By.tagName("script"))).isEmpty();
        d.switchTo().defaultContent();
        assertThat(d.getTitle()).isEqualTo("Tuneloop · review console");
        saveScreenshot(d, "console-evaluation.png");
    }

    @Test
    void the_deployment_page_ramps_the_share_and_the_kill_switch_sends_everyone_to_base() throws IOException {
        WebDriver d = browser();
        login(d, "ana");
        d.findElement(By.id("tab-deployment")).click();
        WebDriverWait wait = waitOn(d);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deploy-arms"), "20.00%"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deploy-verdict"), "insufficient data"));

        WebElement share = d.findElement(By.id("deploy-share"));
        share.clear();
        share.sendKeys("50");
        d.findElement(By.id("deploy-ramp")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deploy-message"), "now gets 50%"));
        assertThat(router.plan().arms().get(0).weight()).isEqualTo(5_000);
        assertThat(router.plan().arms().get(1).weight()).isEqualTo(5_000);
        assertThat(d.findElement(By.id("deploy-arms")).getText()).contains("50.00%");

        d.findElement(By.id("deploy-kill-on")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deploy-message"), "Not changed"));
        assertThat(router.plan().killSwitchOn()).isFalse();

        d.findElement(By.id("deploy-kill-on")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deploy-kill"), "Kill switch ON"));
        assertThat(router.plan().killSwitchModel()).isEqualTo("gpt-4o-mini");
        for (int u = 0; u < 100; u++) {
            assertThat(router.modelFor("user-" + u)).isEqualTo("gpt-4o-mini");
        }
        saveScreenshot(d, "console-deployment.png");
    }

    private static void saveScreenshot(WebDriver d, String name) throws IOException {
        File shot = ((ChromeDriver) d).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

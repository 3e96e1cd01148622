// Drives the built app in headless Chromium (Debian's /usr/bin/chromium) through every
// step: sign up, sign in with SRP, claims, refresh, sign out. It asserts nothing itself:
// it prints one JSON report (what the page showed, the Cognito calls it made, timings) for
// tests/e2e/test_web_app.py to check.
//
//   node tests/browser-flow.mjs --url http://127.0.0.1:PORT/ --emails a@x,b@x \
//        --password P --screenshot signed-in.png
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    emails: { type: "string" },
    password: { type: "string" },
    screenshot: { type: "string" },
    // Pages whose config.json is wrong: each is loaded once and the error it shows reported.
    broken: { type: "string", default: "" },
    chromium: { type: "string", default: process.env.CHROMIUM ?? "/usr/bin/chromium" },
  },
});
for (const name of ["url", "emails", "password", "screenshot"]) {
  if (!options[name]) throw new Error(`--${name} is required`);
}

const STEP_TIMEOUT_MS = 20_000;

// Chromium's own background traffic (updates, sync, Google lookups) is refused on a
// machine without a network; these flags keep it quiet. --no-sandbox: CI runs as root.
const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

async function runUser(email, index) {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  const report = { email, calls: [], pageErrors: [], failedRequests: [] };
  page.on("pageerror", (error) => report.pageErrors.push(String(error)));
  page.on("requestfailed", (request) =>
    report.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
  );
  // Every Cognito call the page makes: the operation (X-Amz-Target) and, for sign-in, the
  // flow and challenge, so the test can tell SRP from a password sign-in.
  const callOf = new Map();
  page.on("request", (request) => {
    const target = request.headers()["x-amz-target"];
    if (!target) return;
    const body = JSON.parse(request.postData() ?? "{}");
    const call = {
      origin: new URL(request.url()).origin,
      operation: target.split(".").pop(),
      ...(body.AuthFlow ? { authFlow: body.AuthFlow } : {}),
      ...(body.ChallengeName ? { challenge: body.ChallengeName } : {}),
    };
    callOf.set(request, call);
    report.calls.push(call);
  });
  page.on("requestfinished", async (request) => {
    const call = callOf.get(request);
    if (!call) return;
    const response = await request.response();
    call.status = response?.status() ?? null;
    call.allowOrigin = response?.headers()["access-control-allow-origin"] ?? null;
    // From the request's start to the response's last byte: the emulator's share of a step.
    call.ms = Math.round(request.timing().responseEnd);
  });

  const text = async (selector) => (await page.textContent(selector))?.trim() ?? "";
  // Waits for the app's state, or for the error it shows instead (then fails at once).
  const state = async (value) => {
    await page.waitForFunction(
      (expected) =>
        document.body.dataset.state === expected || !document.getElementById("error").hidden,
      value,
      { timeout: STEP_TIMEOUT_MS },
    );
    if (await page.isVisible("#error")) throw new Error(`the page shows: ${await text("#error")}`);
  };
  const storedTokens = () =>
    page.evaluate(() =>
      Object.keys(localStorage).filter(
        (key) => key.startsWith("CognitoIdentityServiceProvider.") && key.endsWith("Token"),
      ),
    );

  try {
    await page.goto(options.url);
    await state("signed-out");
    report.origin = new URL(page.url()).origin;
    report.pool = await text("#pool");

    await page.fill("#email", email);
    await page.fill("#password", options.password);
    await page.click("#sign-up");
    await state("signed-out");
    report.signUp = await text("#sign-up-status");

    await page.click("#sign-in");
    await state("signed-in");
    report.signedIn = await text("#session-status");
    report.claims = JSON.parse(await text("#claims"));
    if (index === 0) await page.screenshot({ path: options.screenshot, fullPage: true });

    // The refresh token Amplify keeps, so the test can ask Cognito whether sign-out revoked it.
    report.refreshToken = await page.evaluate(
      () =>
        Object.entries(localStorage).find(([key]) => key.endsWith(".refreshToken"))?.[1] ?? null,
    );

    await page.click("#refresh");
    await state("signed-in");
    report.refreshed = await text("#refresh-status");
    report.tokensChanged = await page.getAttribute("#refresh-status", "data-changed");
    report.claimsAfterRefresh = JSON.parse(await text("#claims"));

    await page.click("#sign-out");
    await state("signed-out");
    report.signedOut = await text("#session-status");
    report.claimsAfterSignOut = await text("#claims");
    report.tokensKeptAfterSignOut = await storedTokens();
    // Milliseconds from navigation start (the page load) to each of the app's marks; read
    // before the reload below, which starts a new timeline.
    report.marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])),
    );
    await page.reload();
    await state("signed-out");
    report.afterReload = await text("#session-status");

  } catch (error) {
    report.error = String(error);
    report.sessionShown = await text("#session-status").catch(() => "");
  }
  await context.close();
  return report;
}

async function brokenPage(url) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-state="broken"]', { timeout: STEP_TIMEOUT_MS });
    return { url, error: (await page.textContent("#error"))?.trim() };
  } catch (error) {
    return { url, error: null, failure: String(error) };
  } finally {
    await page.close();
  }
}

const chromiumVersion = browser.version();
const users = [];
for (const [index, email] of options.emails.split(",").entries()) {
  users.push(await runUser(email, index));
}
const broken = [];
for (const url of options.broken.split(",").filter(Boolean)) broken.push(await brokenPage(url));
await browser.close();
process.stdout.write(`${JSON.stringify({ chromium: chromiumVersion, users, broken })}\n`);

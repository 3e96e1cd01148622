// The whole app: sign up, sign in with SRP, show the ID token's claims, refresh, sign out.
// Plain DOM code: each button runs an Amplify call or two, and the page shows what came back.
import { Amplify } from "aws-amplify";
import {
  fetchAuthSession,
  getCurrentUser,
  signIn,
  signOut,
  signUp,
  type AuthSession,
} from "aws-amplify/auth";

import { amplifyConfig, loadOutputs } from "./config";
import { fingerprint } from "./fingerprint";

const element = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.getElementById(id) as T;
const email = element<HTMLInputElement>("email");
const password = element<HTMLInputElement>("password");
const buttons = {
  signUp: element<HTMLButtonElement>("sign-up"),
  signIn: element<HTMLButtonElement>("sign-in"),
  refresh: element<HTMLButtonElement>("refresh"),
  signOut: element<HTMLButtonElement>("sign-out"),
};

// "broken": config.json is missing or wrong, and the page says why.
type State = "loading" | "signed-out" | "signed-in" | "busy" | "broken";

function setState(state: State): void {
  document.body.dataset.state = state;
  const signedIn = state === "signed-in";
  buttons.signUp.disabled = buttons.signIn.disabled = state !== "signed-out";
  buttons.refresh.disabled = buttons.signOut.disabled = !signedIn;
}

function showError(error: unknown): void {
  const box = element("error");
  box.hidden = false;
  box.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Whether Amplify holds a signed-in user (after a failed step, say). */
async function currentState(): Promise<State> {
  try {
    await getCurrentUser();
    return "signed-in";
  } catch {
    return "signed-out";
  }
}

/** Runs one step: marks its start and end for the browser test's timings, shows failures. */
async function step(name: string, action: () => Promise<State>): Promise<void> {
  element("error").hidden = true;
  setState("busy");
  performance.mark(`${name}:start`);
  try {
    setState(await action());
    performance.mark(`${name}:done`);
  } catch (error) {
    showError(error);
    setState(await currentState());
  }
}

async function showSession(session: AuthSession): Promise<void> {
  const idToken = session.tokens?.idToken;
  if (!idToken) throw new Error("the session holds no ID token");
  const user = await getCurrentUser();
  element("session-status").textContent =
    `Signed in as ${String(idToken.payload.email)} ` +
    `(${user.signInDetails?.authFlowType ?? "restored session"})`;
  element("claims").textContent = JSON.stringify(idToken.payload, null, 2);
}

async function tokenPrints(session: AuthSession): Promise<{ id: string; access: string }> {
  return {
    id: await fingerprint(session.tokens?.idToken?.toString() ?? ""),
    access: await fingerprint(session.tokens?.accessToken.toString() ?? ""),
  };
}

buttons.signUp.addEventListener("click", () =>
  step("sign-up", async () => {
    const result = await signUp({
      username: email.value,
      password: password.value,
      options: { userAttributes: { email: email.value } },
    });
    element("sign-up-status").textContent = result.isSignUpComplete
      ? `Signed up ${email.value}: confirmed at once (${result.nextStep.signUpStep})`
      : `Signed up ${email.value}: waiting for confirmation (${result.nextStep.signUpStep})`;
    return "signed-out";
  }),
);

buttons.signIn.addEventListener("click", () =>
  step("sign-in", async () => {
    // No authFlowType: Amplify's default, USER_SRP_AUTH (the password never leaves the page).
    const result = await signIn({ username: email.value, password: password.value });
    if (!result.isSignedIn) {
      // This example implements no second step (a confirmation code, MFA): say which it is.
      throw new Error(`sign-in needs another step, ${result.nextStep.signInStep}`);
    }
    await showSession(await fetchAuthSession());
    return "signed-in";
  }),
);

buttons.refresh.addEventListener("click", () =>
  step("refresh", async () => {
    const before = await tokenPrints(await fetchAuthSession());
    const session = await fetchAuthSession({ forceRefresh: true });
    const after = await tokenPrints(session);
    const changed = before.id !== after.id && before.access !== after.access;
    element("refresh-status").textContent =
      `Refreshed: ID token ${before.id} → ${after.id}, access token ${before.access} → ${after.access}` +
      (changed ? " (new tokens)" : " (tokens unchanged)");
    element("refresh-status").dataset.changed = String(changed);
    await showSession(session);
    return "signed-in";
  }),
);

buttons.signOut.addEventListener("click", () =>
  step("sign-out", async () => {
    // Revokes the refresh token at Cognito (the app client allows revocation), then
    // forgets the tokens kept in localStorage.
    await signOut();
    element("session-status").textContent = "Signed out.";
    element("claims").textContent = "(none)";
    element("refresh-status").textContent = "";
    return "signed-out";
  }),
);

async function start(): Promise<void> {
  const outputs = await loadOutputs();
  const config = amplifyConfig(outputs);
  Amplify.configure(config);
  const cognito = config.Auth?.Cognito;
  element("pool").textContent =
    `User pool ${cognito?.userPoolId}, app client ${cognito?.userPoolClientId}, region ${outputs.region}` +
    (outputs.userPoolEndpoint ? `, endpoint ${outputs.userPoolEndpoint}` : "");
  const state = await currentState();
  if (state === "signed-in") await showSession(await fetchAuthSession());
  setState(state);
  performance.mark("ready");
}

start().catch((error) => {
  showError(error);
  setState("broken");
});

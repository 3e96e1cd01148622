// Amplify's configuration, from the cognito-auth stack's outputs.
//
// The app reads `config.json` beside index.html at start-up, so one build serves every
// stack: write the file from `pulumi stack output --json` (README, "Use it from your app").
import type { ResourcesConfig } from "aws-amplify";

/** The stack outputs the app reads: names as `pulumi stack output --json` prints them. */
export interface StackOutputs {
  /** Amplify.configure's own input, as the stack exports it (README, "Use it from your app"). */
  frontendConfig: ResourcesConfig;
  region: string;
  /** Only for a local emulator: where Cognito's API answers instead of AWS. */
  userPoolEndpoint?: string;
}

/** Amplify.configure's input for a user pool and its public app client. */
export function amplifyConfig(outputs: StackOutputs): ResourcesConfig {
  const cognito = outputs.frontendConfig?.Auth?.Cognito;
  if (!cognito?.userPoolId || !cognito.userPoolClientId) {
    throw new Error(
      "config.json: no frontendConfig with a user pool and an app client; " +
        "write it from `pulumi stack output --json`",
    );
  }
  // Amplify v6 takes the region from the pool id's prefix, never from a field of its
  // own: a region output that disagrees means the file mixes two stacks.
  if (!cognito.userPoolId.startsWith(`${outputs.region}_`)) {
    throw new Error(
      `config.json: userPoolId ${JSON.stringify(cognito.userPoolId)} is not a pool of region ` +
        `${JSON.stringify(outputs.region)}; write the file again from one stack's outputs`,
    );
  }
  if (!outputs.userPoolEndpoint) return outputs.frontendConfig;
  // The emulator's endpoint added to the stack's own config; the cast is only because
  // TypeScript cannot carry Amplify's StrictUnion of pool kinds through a spread.
  const auth = { Cognito: { ...cognito, userPoolEndpoint: outputs.userPoolEndpoint } };
  return { ...outputs.frontendConfig, Auth: auth as NonNullable<ResourcesConfig["Auth"]> };
}

export async function loadOutputs(url = "config.json"): Promise<StackOutputs> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}; write it from \`pulumi stack output --json\``);
  }
  return (await response.json()) as StackOutputs;
}

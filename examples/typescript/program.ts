// The Pulumi program: one CognitoAuth from the component package's TypeScript SDK (sdk/,
// generated from the package's schema by Pulumi's codegen; see README.md).
import * as pulumi from "@pulumi/pulumi";
import { CognitoAuth } from "./sdk";

export async function program() {
    const config = new pulumi.Config();
    const auth = new CognitoAuth("auth", {
        passwordMinimumLength: 12,
        allowedEmailDomains: ["example.com"],
        authFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        logRetentionDays: 90,
        // Plain inputs: config values are known before any resource registers. A development
        // stack sets protect false and autoConfirmUsers true.
        protect: config.getBoolean("protect") ?? true,
        autoConfirmUsers: config.getBoolean("autoConfirmUsers") ?? false,
    });
    return {
        userPoolId: auth.userPoolId,
        clientId: auth.clientId,
        issuerUrl: auth.issuerUrl,
        region: auth.region,
    };
}

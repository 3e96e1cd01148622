// Runs program.ts with the Automation API's inline path: the SDK serves the program to the
// Pulumi CLI itself, so no Node.js language host is needed (the Go module proxy refuses
// pulumi-language-nodejs; see the README's languages table).
//
//   node bin/deploy.js <up|destroy> <stack> [config.json]
//
// The CLI is `pulumi` on PATH; PULUMI_HOME, the backend and the passphrase come from the
// environment. The stack's project files are written in the current directory. `up` prints
// the stack's outputs as JSON on stdout, secrets included (for the auth check).
import * as fs from "fs";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { program } from "./program";

const PROJECT = "cognito-auth-typescript";

async function main(action: string, stackName: string, configFile?: string) {
    const stack = await LocalWorkspace.createOrSelectStack(
        { projectName: PROJECT, stackName, program },
        { workDir: process.cwd(), projectSettings: { name: PROJECT, runtime: "nodejs" } },
    );
    if (action === "destroy") {
        await stack.destroy({ onOutput: (line) => process.stderr.write(line) });
        return;
    }
    const config: Record<string, string> = configFile ? JSON.parse(fs.readFileSync(configFile, "utf8")) : {};
    for (const [key, value] of Object.entries(config)) {
        await stack.setConfig(key, { value: String(value) });
    }
    const result = await stack.up({ onOutput: (line) => process.stderr.write(line) });
    const outputs: Record<string, unknown> = {};
    for (const [key, output] of Object.entries(result.outputs)) {
        outputs[key] = output.value;
    }
    process.stdout.write(JSON.stringify(outputs) + "\n");
}

const [action, stackName, configFile] = process.argv.slice(2);
if (!["up", "destroy"].includes(action) || !stackName) {
    process.stderr.write("usage: node bin/deploy.js <up|destroy> <stack> [config.json]\n");
    process.exit(2);
}
main(action, stackName, configFile).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
});

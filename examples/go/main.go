// CognitoAuth from a Go program, run by the Automation API's inline path: the SDK serves the
// program to the Pulumi CLI itself, so no Go language host is needed (the Go module proxy
// refuses pulumi-language-go; see the README's languages table).
//
//	go build -o cognito-auth-go . && ./cognito-auth-go <up|destroy> <stack> [config.json]
//
// The CLI is `pulumi` on PATH; PULUMI_HOME, the backend and the passphrase come from the
// environment. The stack's project files are written in the current directory. `up` prints
// the stack's outputs as JSON on stdout, secrets included (for the auth check). The
// component's SDK (sdk/cognitoauth) is generated from the package's schema by Pulumi's
// codegen; see README.md.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"cognito-auth-go/sdk/cognitoauth"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

const project = "cognito-auth-go"

// program is the Pulumi program: one CognitoAuth with a few settings.
func program(ctx *pulumi.Context) error {
	conf := config.New(ctx, "")
	protect, err := conf.TryBool("protect")
	if err != nil {
		protect = true
	}
	// Plain inputs: config values are known before any resource registers. A development
	// stack sets protect false and autoConfirmUsers true.
	autoConfirm := conf.GetBool("autoConfirmUsers")
	auth, err := cognitoauth.NewCognitoAuth(ctx, "auth", &cognitoauth.CognitoAuthArgs{
		PasswordMinimumLength: pulumi.Int(12),
		AllowedEmailDomains:   pulumi.StringArray{pulumi.String("example.com")},
		AuthFlows:             pulumi.ToStringArray([]string{"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}),
		LogRetentionDays:      pulumi.Int(90),
		Protect:               pulumi.BoolRef(protect),
		AutoConfirmUsers:      pulumi.Bool(autoConfirm),
	})
	if err != nil {
		return err
	}
	ctx.Export("userPoolId", auth.UserPoolId)
	ctx.Export("clientId", auth.ClientId)
	ctx.Export("issuerUrl", auth.IssuerUrl)
	ctx.Export("region", auth.Region)
	return nil
}

func run(action, stackName, configFile string) error {
	ctx := context.Background()
	workDir, err := os.Getwd()
	if err != nil {
		return err
	}
	stack, err := auto.UpsertStackInlineSource(ctx, stackName, project, program, auto.WorkDir(workDir))
	if err != nil {
		return err
	}
	if action == "destroy" {
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stderr))
		return err
	}
	if configFile != "" {
		raw, err := os.ReadFile(configFile)
		if err != nil {
			return err
		}
		var values map[string]any
		if err := json.Unmarshal(raw, &values); err != nil {
			return fmt.Errorf("%s: %w", configFile, err)
		}
		for key, value := range values {
			if err := stack.SetConfig(ctx, key, auto.ConfigValue{Value: fmt.Sprint(value)}); err != nil {
				return err
			}
		}
	}
	result, err := stack.Up(ctx, optup.ProgressStreams(os.Stderr))
	if err != nil {
		return err
	}
	outputs := map[string]any{}
	for key, output := range result.Outputs {
		outputs[key] = output.Value
	}
	return json.NewEncoder(os.Stdout).Encode(outputs)
}

func main() {
	args := os.Args[1:]
	if len(args) < 2 || (args[0] != "up" && args[0] != "destroy") {
		fmt.Fprintln(os.Stderr, "usage: cognito-auth-go <up|destroy> <stack> [config.json]")
		os.Exit(2)
	}
	configFile := ""
	if len(args) > 2 {
		configFile = args[2]
	}
	if err := run(args[0], args[1], configFile); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

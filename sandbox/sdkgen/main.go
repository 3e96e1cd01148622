// Command sdkgen writes a language SDK for a Pulumi package schema with Pulumi's own code
// generators (pkg/v3/codegen, the module and version the sandbox's CLI is built from): what
// `pulumi package add` has the language host do, for languages whose host the Go module
// proxy refuses (sandbox/component_sdk.py).
//
//	sdkgen <nodejs|go> <schema.json> <out-dir> [go-import-base-path]
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 3 {
		return fmt.Errorf("usage: sdkgen <nodejs|go> <schema.json> <out-dir> [go-import-base-path]")
	}
	language, schemaPath, outDir := args[0], args[1], args[2]
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	if language == "go" && len(args) > 3 {
		// The SDK becomes a package of the program's own module, so no replace is needed.
		if spec.Language == nil {
			spec.Language = map[string]schema.RawMessage{}
		}
		info := map[string]any{}
		if existing, ok := spec.Language["go"]; ok {
			if err := json.Unmarshal(existing, &info); err != nil {
				return fmt.Errorf("language.go: %w", err)
			}
		}
		info["importBasePath"] = args[3]
		// The component's map inputs (clients, groups, triggers, ...) are plain maps of plain
		// objects; without the extra input types, codegen v3.274.1 writes CognitoAuthArgs
		// fields of type ClientArgsArgs and never declares that type.
		info["generateExtraInputTypes"] = true
		encoded, err := json.Marshal(info)
		if err != nil {
			return err
		}
		spec.Language["go"] = encoded
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	var files map[string][]byte
	switch language {
	case "nodejs":
		files, err = nodejs.GeneratePackage("sdkgen", pkg, nil, nil, false, noPackages{})
	case "go":
		files, err = gogen.GeneratePackage("sdkgen", pkg, nil)
	default:
		return fmt.Errorf("language %q: nodejs or go", language)
	}
	if err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noPackages is the loader for a schema that references no other package (the component's
// names only its own types and pulumi.json's builtins): any reference is an error.
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema references package %q; sdkgen loads no other package", name)
}

func (l noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}

func (noPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema references package %q; sdkgen loads no other package", name)
}

func (l noPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}

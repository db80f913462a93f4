package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// nodeModules is the node_modules directory Node.js would resolve packages from for `dir`: the
// nearest one in dir or its parents.
func nodeModules(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules")
		if st, err := os.Stat(candidate); err == nil && st.IsDir() {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no node_modules in %s or its parents; run `npm ci` in the project", abs)
		}
	}
}

// findPulumiModule locates a file of the installed @pulumi/pulumi package (e.g. cmd/run).
func findPulumiModule(dir, rel string) (string, error) {
	modules, err := nodeModules(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(modules, "@pulumi", "pulumi", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("%s not found: @pulumi/pulumi is not installed in %s; run `npm ci` in the project", rel, modules)
	}
	return path, nil
}

// packageJSON is the part of a package.json the host reads. Packages that ship a Pulumi resource
// provider say so in their `pulumi` field ({"resource": true, "name": "aws", "version": "7.48.0"}).
type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &p, nil
}

// installedPackages lists the package directories directly under node_modules (scoped ones too).
func installedPackages(modules string) ([]string, error) {
	entries, err := os.ReadDir(modules)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasPrefix(name, "@") {
			scoped, err := os.ReadDir(filepath.Join(modules, name))
			if err != nil {
				continue
			}
			for _, s := range scoped {
				dirs = append(dirs, filepath.Join(modules, name, s.Name()))
			}
			continue
		}
		dirs = append(dirs, filepath.Join(modules, name))
	}
	return dirs, nil
}

type pluginDependency struct{ name, version, server string }

// pluginName follows Pulumi's convention: `@pulumi/aws` ships the `aws` plugin, `@acme/x` ships `acme/x`.
func pluginName(p *packageJSON) string {
	if p.Pulumi.Name != "" {
		return p.Pulumi.Name
	}
	if strings.HasPrefix(p.Name, "@pulumi/") {
		return strings.TrimPrefix(p.Name, "@pulumi/")
	}
	return strings.TrimPrefix(p.Name, "@")
}

// resourcePlugins are the provider plugins the installed packages declare, so the engine can
// load them before the program registers resources. Only the top level of node_modules counts:
// that is what the program resolves `@pulumi/aws` to.
func resourcePlugins(dir string) ([]pluginDependency, error) {
	modules, err := nodeModules(dir)
	if err != nil {
		return nil, err
	}
	dirs, err := installedPackages(modules)
	if err != nil {
		return nil, err
	}
	var out []pluginDependency
	for _, d := range dirs {
		p, err := readPackageJSON(filepath.Join(d, "package.json"))
		if err != nil || !p.Pulumi.Resource {
			continue
		}
		v := p.Pulumi.Version
		if v == "" {
			v = p.Version
		}
		if v != "" && !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		out = append(out, pluginDependency{name: pluginName(p), version: v, server: p.Pulumi.Server})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// programDependencies are the project's declared npm packages with their installed versions.
func programDependencies(dir string) ([]*pulumirpc.DependencyInfo, error) {
	modules, err := nodeModules(dir)
	if err != nil {
		return nil, err
	}
	project, err := readPackageJSON(filepath.Join(filepath.Dir(modules), "package.json"))
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for n := range project.Dependencies {
		names[n] = true
	}
	for n := range project.DevDependencies {
		names[n] = true
	}
	var out []*pulumirpc.DependencyInfo
	for n := range names {
		p, err := readPackageJSON(filepath.Join(modules, filepath.FromSlash(n), "package.json"))
		if err != nil {
			continue // declared but not installed: nothing to report
		}
		out = append(out, &pulumirpc.DependencyInfo{Name: n, Version: p.Version})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

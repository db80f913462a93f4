// Command pulumi-language-nodejs is spot-grid's own Node.js language host for the Pulumi CLI we
// build from the Go module proxy (tools/pulumi-cli).
//
// Why our own: Pulumi's host lives in its own Go module (sdk/nodejs/cmd/pulumi-language-nodejs),
// which the module proxy does not serve, and the CLI cannot run a Node.js program or a Node.js
// policy pack without a language host. This one implements the part of the LanguageRuntime
// protocol (sdk/v3 proto/language.proto) the engine uses for `preview`, `up`, `refresh`,
// `destroy` and policy packs: it starts `node` on the runners that ship in @pulumi/pulumi
// (cmd/run for programs, cmd/run-policy-pack for packs) and lists the resource plugins the
// installed packages declare. Everything else answers "unimplemented", which the engine tolerates.
//
// The engine starts it with the engine's address as the last argument and reads the port it
// listens on from the first line of its standard output.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	flags := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	// Flags the engine may pass to every plugin (logging and tracing): accepted, and tracing kept.
	tracing := flags.String("tracing", "", "Zipkin-compatible tracing endpoint")
	flags.Bool("logtostderr", false, "log to stderr")
	flags.Bool("logflow", false, "flow logging settings to child processes")
	flags.Int("v", 0, "log verbosity")
	flags.String("root", "", "project root (older engines)")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	engineAddress := ""
	if args := flags.Args(); len(args) > 0 {
		engineAddress = args[len(args)-1]
	}

	host := &languageHost{engineAddress: engineAddress, tracing: *tracing}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: cannot serve: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

package main

import (
	"context"
	"flag"
	"net"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/web"
)

func init() {
	register(command{name: "serve", summary: "the web UI for the comms team and trainers (read-only)", main: cli(spec{name: "serve", usage: "Usage: framewatch serve [--config F] [--addr 127.0.0.1:8080]\n\n" +
		"Serves the web UI (this week, examples and handouts, articles, digests, trends, rules,\n" +
		"sources, check a text) over the configured store until SIGINT or SIGTERM, with\n" +
		"/healthz and Prometheus /metrics beside it (no authentication). It never\n" +
		"writes to the store. serve.token or serve.users protect every page (docs/operations.md);\n" +
		"listening beyond loopback without either prints a warning."}, runServe)})
}

// defaultAddr is where serve listens without --addr or serve.addr.
const defaultAddr = "127.0.0.1:8080"

type serveOptions struct {
	config string
	addr   string
}

func (o *serveOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	fs.StringVar(&o.addr, "addr", "", "host:port to listen on (default: serve.addr, else "+defaultAddr+")")
}

func runServe(ctx context.Context, o *serveOptions, _ []string, s stdio) error {
	a, err := app.Load(o.config, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	addr := o.addr
	if addr == "" {
		addr = a.Config.Serve.Addr
	}
	if addr == "" {
		addr = defaultAddr
	}
	ln, srv, err := listenUI(ctx, a, addr)
	if err != nil {
		return err
	}
	return srv.Serve(ctx, ln)
}

// listenUI opens the store, builds the web UI and binds its address, so
// that a bad address or store fails the command at once.
func listenUI(ctx context.Context, a *app.App, addr string) (net.Listener, *web.Server, error) {
	if _, err := a.Store(ctx); err != nil {
		return nil, nil, err
	}
	srv, err := web.New(a, web.Options{})
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, err
	}
	return ln, srv, nil
}

package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrBlocked is returned (wrapped) when the SSRF guard refuses an address.
var ErrBlocked = errors.New("address refused by SSRF guard (crawl.allow_private_networks is off)")

// blockedPrefixes are ranges no public news page lives in. netip's Is*
// methods cover loopback, RFC 1918, ULA, link-local, multicast and
// unspecified; these are the rest.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),         // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),     // CGNAT, also some cloud internals
	netip.MustParsePrefix("192.0.0.0/24"),      // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),     // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),       // reserved, includes broadcast
	netip.MustParsePrefix("64:ff9b::/96"),      // NAT64: would reach any IPv4, private included
	netip.MustParsePrefix("fd00:ec2::254/128"), // AWS metadata over IPv6 (also inside ULA)
}

// metadata addresses are named in errors so an operator sees what was tried.
var metadata = map[netip.Addr]bool{
	netip.MustParseAddr("169.254.169.254"): true,
	netip.MustParseAddr("fd00:ec2::254"):   true,
}

// blockedAddr reports why ip must not be dialled, or "" if it may be.
func blockedAddr(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case metadata[ip]:
		return "cloud metadata"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case ip.IsUnspecified():
		return "unspecified"
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return "reserved"
		}
	}
	return ""
}

// guardControl runs in net.Dialer.Control, i.e. on the IP actually being
// dialled after DNS resolution. Checking there (not on the URL's host name)
// covers DNS rebinding and every redirect hop, since each hop dials anew.
func guardControl(allow map[string]bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if allow[address] {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: cannot parse dialled address %q", ErrBlocked, address)
		}
		if why := blockedAddr(ap.Addr()); why != "" {
			return fmt.Errorf("%w: %s is %s", ErrBlocked, ap.Addr(), why)
		}
		return nil
	}
}

// dialer builds the guarded dialer.
func newDialer(o *Options) *net.Dialer {
	d := &net.Dialer{Timeout: o.Timeout, KeepAlive: 30e9}
	if !o.AllowPrivateNetworks {
		allow := make(map[string]bool, len(o.AllowAddrs))
		for _, a := range o.AllowAddrs {
			allow[a] = true
		}
		d.Control = guardControl(allow)
	}
	return d
}

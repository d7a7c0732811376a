package chdb

import (
	"syscall"
	"unsafe"
)

// kernelSigaction is struct sigaction as the rt_sigaction syscall sees it on
// linux/amd64 and arm64 (not glibc's layout).
type kernelSigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

const (
	saOnstack = 0x08000000
	sigRTMin  = 34
)

// trappedSignals are the signals whose handlers chdb_connect replaces. With
// ClickHouse's handlers in place a Go nil dereference kills the process
// instead of becoming a recoverable panic.
var trappedSignals = []int{
	int(syscall.SIGILL), int(syscall.SIGTRAP), int(syscall.SIGABRT), int(syscall.SIGBUS),
	int(syscall.SIGFPE), int(syscall.SIGSEGV), int(syscall.SIGSYS), int(syscall.SIGTSTP),
}

func rtSigaction(sig int, act, old *kernelSigaction) error {
	_, _, e := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig),
		uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(old)), 8, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

// savedSignals is the Go runtime's handler table before chDB touched it.
type savedSignals map[int]kernelSigaction

func saveSignals() (savedSignals, error) {
	s := savedSignals{}
	for _, sig := range trappedSignals {
		var old kernelSigaction
		if err := rtSigaction(sig, nil, &old); err != nil {
			return nil, err
		}
		s[sig] = old
	}
	return s, nil
}

// restore puts the Go handlers back. Signal 34 keeps chDB's handler (the
// engine uses it to collect stack traces) but gains SA_ONSTACK: a handler
// without it running on a goroutine stack wedges the Go runtime.
func (s savedSignals) restore() error {
	for sig, act := range s {
		a := act
		if err := rtSigaction(sig, &a, nil); err != nil {
			return err
		}
	}
	var rt kernelSigaction
	if err := rtSigaction(sigRTMin, nil, &rt); err != nil {
		return err
	}
	if rt.handler > 1 && rt.flags&saOnstack == 0 {
		rt.flags |= saOnstack
		return rtSigaction(sigRTMin, &rt, nil)
	}
	return nil
}

package app

import (
	"fmt"
	"os"
	"time"
)

// JobLease is how long a run-once job's lease (retag, the weekly digest)
// lasts unless renewed. The holder renews it every third of that while it
// runs, so only an instance that died holds a job up, and for at most this.
const JobLease = 2 * time.Minute

// Job names in job_leases.
const (
	JobRetag = "retag"
)

// weeklyDigestJob is the lease of one week's digest: it runs once ever.
func weeklyDigestJob(label string) string { return "weekly digest " + label }

// JobOwner describes this process in a lease refusal: "host H (pid P)".
func JobOwner() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown"
	}
	return fmt.Sprintf("host %s (pid %d)", host, os.Getpid())
}

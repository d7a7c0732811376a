package config

import "testing"

// The shipped example must always load: users start from it.
func TestExampleConfigLoads(t *testing.T) {
	c, err := Load("../framewatch.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) < 20 {
		t.Errorf("example lists %d sources, want the real UK list", len(c.Sources))
	}
	kinds := map[string]int{}
	for _, s := range c.Sources {
		kinds[s.Kind+"/"+s.Topic]++
	}
	for _, k := range []string{"rss/justice", "rss/all", "scrape/justice"} {
		if kinds[k] == 0 {
			t.Errorf("example has no %s source", k)
		}
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

const exampleSpec = "../../examples/digits-mlp.json"

// goldenStateRoots reads the example's golden roots pinned by node/trainer.
func goldenStateRoots(t *testing.T) map[string]string {
	b, err := os.ReadFile("../../node/trainer/testdata/golden-digits-mlp.json")
	require.NoError(t, err)
	var g struct {
		SpecHash   string            `json:"specHash"`
		StateRoots map[string]string `json:"stateRoots"`
	}
	require.NoError(t, json.Unmarshal(b, &g))
	g.StateRoots["specHash"] = g.SpecHash
	return g.StateRoots
}

func TestTrainJSON(t *testing.T) {
	dir := t.TempDir()
	out, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "200", "--out", dir, "--json")
	require.NoError(t, err)
	golden := goldenStateRoots(t)
	var events []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var e map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e), sc.Text())
		events = append(events, e)
	}
	require.Len(t, events, 4)
	require.Equal(t, "start", events[0]["event"])
	require.Equal(t, golden["specHash"], events[0]["specHash"])
	for i, step := range []string{"100", "200"} {
		e := events[1+i]
		require.Equal(t, "checkpoint", e["event"])
		require.Equal(t, golden[step], e["stateRoot"], "step %s", step)
		require.FileExists(t, e["checkpoint"].(string))
		require.Greater(t, e["accuracy"].(float64), 0.5)
	}
	require.Equal(t, "done", events[3]["event"])
	require.Nil(t, events[3]["checkpointsRoot"], "no checkpoints root before the job's last step")
	_, err = os.Stat(trainer.CheckpointFile(dir, 200))
	require.NoError(t, err)

	// Text output names every checkpoint's root.
	txt, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "100")
	require.NoError(t, err)
	require.Contains(t, txt, "state root "+golden["100"])
}

func TestTraceCommand(t *testing.T) {
	dir := t.TempDir()
	_, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "100", "--out", dir, "--json")
	require.NoError(t, err)
	golden := goldenStateRoots(t)

	// Step 100 starts from the checkpoint file; its first state root is the
	// checkpoint's.
	out, err := runCLI(t, "trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "100", "--json")
	require.NoError(t, err)
	var st struct {
		StepTraceRoot string `json:"stepTraceRoot"`
		StateRoot     string `json:"stateRoot"`
		Nodes         []struct {
			Index int    `json:"index"`
			Op    string `json:"op"`
			Root  string `json:"root"`
		} `json:"nodes"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &st))
	require.Equal(t, golden["100"], st.StateRoot)
	require.NotEmpty(t, st.Nodes)
	node := -1
	for _, n := range st.Nodes {
		if n.Op == "LogSumExp" {
			node = n.Index
		}
	}
	require.GreaterOrEqual(t, node, 0)

	out, err = runCLI(t, "trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "100", "--node", itoa(node), "--element", "3", "--json")
	require.NoError(t, err)
	var et struct {
		NodeRoot string `json:"nodeRoot"`
		Entries  []struct {
			Prim   string `json:"primitive"`
			Result string `json:"result"`
		} `json:"entries"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &et))
	require.Equal(t, st.Nodes[node].Root, et.NodeRoot)
	require.NotEmpty(t, et.Entries)

	txt, err := runCLI(t, "trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "3")
	require.NoError(t, err)
	require.Contains(t, txt, "step trace: step 3 -> 4")
	require.Contains(t, txt, "LogSumExp")
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestTrainTraceBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"version":1,"model":{"layers":[64,10],"activation":"relu"},"extra":1}`), 0o644))
	unknownData := filepath.Join(dir, "spec.json")
	b, err := os.ReadFile(exampleSpec)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(unknownData, []byte(strings.Replace(string(b), "0x3243", "0x3244", 1)), 0o644))
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"train"}, "missing required flag --spec (or GENSYN_TRAIN_SPEC)"},
		{[]string{"train", "--spec", filepath.Join(dir, "none.json")}, "none.json: no such file"},
		{[]string{"train", "--spec", bad}, "bad.json: spec: extra: unknown field"},
		{[]string{"train", "--spec", exampleSpec, "--steps", "0"}, "--steps 0: must be in 1..1000"},
		{[]string{"train", "--spec", unknownData}, "no file with dataset.hash 0x3244"},
		{[]string{"train", "--spec", exampleSpec, "--data", exampleSpec}, "digits-mlp.json: dataset: bad format"},
		{[]string{"trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "1000"}, "--step 1000: must be in 0..999"},
		{[]string{"trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "150"}, "checkpoint-0000000100.gck: no such file"},
		{[]string{"trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "1", "--node", "3"}, "--node and --element go together"},
		{[]string{"trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "1", "--node", "0", "--element", "0"}, "is a state node, not an operator"},
		{[]string{"trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "1", "--node", "999", "--element", "0"}, "--node 999: must be in"},
	}
	for _, c := range cases {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
	}
	// A corrupt checkpoint file is reported with its name.
	require.NoError(t, os.WriteFile(trainer.CheckpointFile(dir, 100), []byte("GSNCKPT\x00garbage"), 0o644))
	_, err = runCLI(t, "trace", "--spec", exampleSpec, "--checkpoint", dir, "--step", "150")
	require.Error(t, err)
	require.Contains(t, oneLine(err), "checkpoint-0000000100.gck: trainer: bad checkpoint: truncated")
}

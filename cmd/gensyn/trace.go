package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

func traceCommand() *cli.Command {
	return &cli.Command{
		Name:  "trace",
		Usage: "print the step trace of one training step, or the element trace of one output element",
		Description: "Replays step T (the transition from the state after T steps to the state after T+1)\n" +
			"from the checkpoint at or before T in --checkpoint DIR (written by `gensyn train --out DIR`;\n" +
			"steps before the first checkpoint start from the initial state). Without --node, prints\n" +
			"every node of the step graph with its operator, shape and output root; with --node J\n" +
			"--element E, prints the element trace of element E of node J: every entry's primitive,\n" +
			"operands and result.",
		Flags: []cli.Flag{
			specFlag("trace"),
			dataFlag("trace"),
			initFlag("trace"),
			&cli.StringFlag{Name: "checkpoint", Usage: "checkpoint `DIR`", Required: true, EnvVars: envVars("trace", "checkpoint")},
			&cli.Uint64Flag{Name: "step", Usage: "step `T` (0-based: trace of the step from T to T+1)", Required: true, EnvVars: envVars("trace", "step")},
			&cli.IntFlag{Name: "node", Value: -1, Usage: "node index `J` for an element trace", EnvVars: envVars("trace", "node")},
			&cli.IntFlag{Name: "element", Value: -1, Usage: "flat output element index `E` for an element trace", EnvVars: envVars("trace", "element")},
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of text", EnvVars: envVars("trace", "json")},
		},
		Action: runTrace,
	}
}

type traceNode struct {
	Index int    `json:"index"`
	Kind  string `json:"kind"`
	Op    string `json:"op,omitempty"`
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
	Root  string `json:"root"`
}

type traceEntry struct {
	Index    int      `json:"index"`
	Prim     string   `json:"primitive"`
	Operands []string `json:"operands"`
	Result   string   `json:"result"`
	Item     string   `json:"item"`
}

func kindName(k repops.NodeKind) string {
	switch k {
	case repops.KindState:
		return "state"
	case repops.KindData:
		return "data"
	case repops.KindConst:
		return "const"
	case repops.KindOp:
		return "op"
	}
	return fmt.Sprintf("kind(%d)", k)
}

func runTrace(c *cli.Context) error {
	node, elem := c.Int("node"), c.Int("element")
	if c.IsSet("node") != c.IsSet("element") {
		return fmt.Errorf("--node and --element go together")
	}
	tr, err := loadJob(c, trainer.Options{SkipEval: true})
	if err != nil {
		return err
	}
	s := tr.Spec()
	t := c.Uint64("step")
	if t >= uint64(s.Steps) {
		return fmt.Errorf("--step %d: must be in 0..%d (the spec has %d steps)", t, s.Steps-1, s.Steps)
	}
	st, err := tr.StateAt(c.Context, c.String("checkpoint"), t)
	if err != nil {
		return err
	}
	trace, err := tr.StepTrace(st)
	if err != nil {
		return err
	}
	g := tr.Graph()
	w := c.App.Writer
	before, err := tr.StateRoot(st)
	if err != nil {
		return err
	}
	after, err := tr.StateRoot(trace.Next)
	if err != nil {
		return err
	}
	if c.IsSet("node") {
		if node < 0 || node >= len(g.Nodes) {
			return fmt.Errorf("--node %d: must be in 0..%d", node, len(g.Nodes)-1)
		}
		if n := len(trace.Outputs[node].Data); elem < 0 || elem >= n {
			return fmt.Errorf("--element %d: node %d (%s) has %d elements", elem, node, g.Nodes[node].Name, n)
		}
		if g.Nodes[node].Kind != repops.KindOp {
			return fmt.Errorf("--node %d: %s is a %s node, not an operator; it has no element trace", node, g.Nodes[node].Name, kindName(g.Nodes[node].Kind))
		}
		et, err := tr.ElementTrace(trace, node, elem)
		if err != nil {
			return err
		}
		entries := make([]traceEntry, len(et.Entries))
		for i, e := range et.Entries {
			ops := make([]string, 0, 3)
			for _, a := range e.Args {
				if a.Kind != repops.ArgNone {
					ops = append(ops, a.String())
				}
			}
			entries[i] = traceEntry{Index: i, Prim: e.Op.String(), Operands: ops, Result: fmt.Sprintf("0x%08x", e.Result), Item: et.Items[i].String()}
		}
		if c.Bool("json") {
			return writeJSON(w, map[string]any{
				"step": t, "node": node, "op": g.Nodes[node].Op.String(), "name": g.Nodes[node].Name,
				"element": elem, "nodeRoot": trace.NodeRoots[node].String(), "stepTraceRoot": trace.Root.String(),
				"elementTraceRoot": et.Root.String(), "entries": entries,
			})
		}
		n := g.Nodes[node]
		fmt.Fprintf(w, "element trace: step %d node %d (%s, %s %v) element %d\n  element-trace root %s (%d entries)\n  node output root   %s\n  step-trace root    %s\n",
			t, node, n.Name, n.Op, n.Shape, elem, et.Root, len(entries), trace.NodeRoots[node], trace.Root)
		for _, e := range entries {
			fmt.Fprintf(w, "%6d  %-7s %-48s = %s\n", e.Index, e.Prim, strings.Join(e.Operands, ", "), e.Result)
		}
		return nil
	}
	nodes := make([]traceNode, len(g.Nodes))
	for i, n := range g.Nodes {
		nodes[i] = traceNode{Index: i, Kind: kindName(n.Kind), Name: n.Name, Shape: n.Shape, Root: trace.NodeRoots[i].String()}
		if n.Kind == repops.KindOp {
			nodes[i].Op = n.Op.String()
		}
	}
	if c.Bool("json") {
		return writeJSON(w, map[string]any{
			"step": t, "stepTraceRoot": trace.Root.String(), "graphRoot": tr.GraphRoot().String(),
			"stateRoot": before.String(), "nextStateRoot": after.String(), "loss": trace.Loss,
			"outputs": g.Outputs, "nodes": nodes,
		})
	}
	fmt.Fprintf(w, "step trace: step %d -> %d\n  step-trace root %s (%d nodes)\n  graph root      %s\n  state root  t   %s\n  state root  t+1 %s\n  batch loss      %.6f\n",
		t, t+1, trace.Root, len(nodes), tr.GraphRoot(), before, after, trace.Loss)
	out := map[int]int{}
	for i, o := range g.Outputs {
		out[o] = i
	}
	for _, n := range nodes {
		op := n.Op
		if op == "" {
			op = "-"
		}
		mark := ""
		if i, ok := out[n.Index]; ok {
			mark = fmt.Sprintf("  -> state[%d]", i)
		}
		fmt.Fprintf(w, "%4d  %-5s %-16s %-12s %-14s %s%s\n", n.Index, n.Kind, op, n.Name, shapeString(n.Shape), n.Root, mark)
	}
	return nil
}

func shapeString(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = fmt.Sprint(d)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

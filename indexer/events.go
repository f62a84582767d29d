package indexer

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"reflect"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
)

// contract names the event sources.
type contract uint8

const (
	cMarket contract = iota + 1
	cStake
	cRegistry
	cInbox
	cGame
)

// abis are the contracts' ABIs, parsed once.
type abis struct {
	byContract map[contract]*abi.ABI
	market     *bindings.JobMarket
	stake      *bindings.StakeManager
	registry   *bindings.NodeRegistry
	inbox      *bindings.CommitmentInbox
	game       *bindings.VerdeArbitration
}

func newABIs() (*abis, error) {
	a := &abis{byContract: map[contract]*abi.ABI{}, market: bindings.NewJobMarket(), stake: bindings.NewStakeManager(),
		registry: bindings.NewNodeRegistry(), inbox: bindings.NewCommitmentInbox(), game: bindings.NewVerdeArbitration()}
	for c, md := range map[contract]interface{ ParseABI() (*abi.ABI, error) }{
		cMarket: &bindings.JobMarketMetaData, cStake: &bindings.StakeManagerMetaData, cRegistry: &bindings.NodeRegistryMetaData,
		cInbox: &bindings.CommitmentInboxMetaData, cGame: &bindings.VerdeArbitrationMetaData,
	} {
		parsed, err := md.ParseABI()
		if err != nil {
			return nil, err
		}
		a.byContract[c] = parsed
	}
	return a, nil
}

// eventOf names a log's event (nil when the contract declares none with its topic).
func (a *abis) eventOf(c contract, l *types.Log) *abi.Event {
	if len(l.Topics) == 0 {
		return nil
	}
	ev, err := a.byContract[c].EventByID(l.Topics[0])
	if err != nil {
		return nil
	}
	return ev
}

// args formats an event's fields in declaration order.
func args(ev *abi.Event, l *types.Log) []Arg {
	data := map[string]any{}
	if err := ev.Inputs.UnpackIntoMap(data, l.Data); err != nil {
		return nil
	}
	out := make([]Arg, 0, len(ev.Inputs))
	t := 1
	for _, in := range ev.Inputs {
		var v string
		if in.Indexed {
			if t >= len(l.Topics) {
				return out
			}
			topic := l.Topics[t]
			t++
			switch in.Type.T {
			case abi.AddressTy:
				v = common.BytesToAddress(topic[:]).Hex()
			case abi.UintTy, abi.IntTy:
				v = new(big.Int).SetBytes(topic[:]).String()
			default:
				v = topic.Hex()
			}
		} else {
			v = formatValue(data[in.Name])
		}
		out = append(out, Arg{Name: in.Name, Value: v})
	}
	return out
}

// formatValue is a short human form of an ABI value.
func formatValue(v any) string {
	switch x := v.(type) {
	case *big.Int:
		return x.String()
	case common.Address:
		return x.Hex()
	case [32]byte:
		return common.Hash(x).Hex()
	case []byte:
		return "0x" + hex.EncodeToString(x)
	case [][32]byte:
		parts := make([]string, len(x))
		for i, h := range x {
			parts[i] = common.Hash(h).Hex()
		}
		return "[" + strings.Join(parts, " ") + "]"
	case fmt.Stringer:
		return x.String()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Struct:
		parts := make([]string, 0, rv.NumField())
		for i := 0; i < rv.NumField(); i++ {
			parts = append(parts, strings.ToLower(rv.Type().Field(i).Name[:1])+rv.Type().Field(i).Name[1:]+": "+formatValue(rv.Field(i).Interface()))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 && rv.Kind() == reflect.Array {
			b := make([]byte, rv.Len())
			reflect.Copy(reflect.ValueOf(b), rv)
			return "0x" + hex.EncodeToString(b)
		}
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = formatValue(rv.Index(i).Interface())
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprint(v)
}

// txInfo is what the indexer reads of a transaction.
type txInfo struct {
	From  common.Address
	To    common.Address
	Input []byte
}

// blockData is one block's fetched inputs.
type blockData struct {
	number uint64
	hash   common.Hash
	header *types.Header
	logs   []types.Log
	txs    map[common.Hash]*txInfo
	games  map[uint64]*bindings.IVerdeArbitrationGame // state after the block
}

// applier applies one block's logs to a blockTx.
type applier struct {
	a     *abis
	addrs deployments.Contracts
	tx    *blockTx
	bd    *blockData
	// slashes of this block by (tx, job), matched to the game that
	// resolved the round in the same transaction.
	slashes map[slashKey]*SlashRecord
	ended   map[slashKey]uint64
}

type slashKey struct {
	tx  common.Hash
	job uint64
}

func (ap *applier) contractOf(a common.Address) contract {
	switch a {
	case ap.addrs.JobMarket:
		return cMarket
	case ap.addrs.StakeManager:
		return cStake
	case ap.addrs.NodeRegistry:
		return cRegistry
	case ap.addrs.CommitmentInbox:
		return cInbox
	case ap.addrs.VerdeArbitration:
		if a != (common.Address{}) {
			return cGame
		}
	}
	return 0
}

func (ap *applier) ref(l *types.Log) TxRef {
	r := TxRef{Block: l.BlockNumber, BlockHash: l.BlockHash, Time: ap.bd.header.Time, Tx: l.TxHash, LogIndex: l.Index}
	if t := ap.bd.txs[l.TxHash]; t != nil {
		r.From = t.From
	}
	return r
}

func (ap *applier) apply() error {
	ap.slashes, ap.ended = map[slashKey]*SlashRecord{}, map[slashKey]uint64{}
	for i := range ap.bd.logs {
		l := &ap.bd.logs[i]
		if l.Removed {
			continue
		}
		c := ap.contractOf(l.Address)
		if c == 0 {
			continue
		}
		ev := ap.a.eventOf(c, l)
		if ev == nil {
			continue
		}
		var err error
		switch c {
		case cMarket:
			err = ap.market(ev, l)
		case cStake:
			err = ap.stake(ev, l)
		case cRegistry:
			err = ap.registry(ev, l)
		case cInbox:
			err = ap.inbox(ev, l)
		case cGame:
			err = ap.game(ev, l)
		}
		if err != nil {
			return fmt.Errorf("indexer: block %d log %d (%s): %w", l.BlockNumber, l.Index, ev.Name, err)
		}
	}
	for k, id := range ap.ended {
		if s := ap.slashes[k]; s != nil {
			g, err := ap.tx.game(id)
			if err != nil {
				return err
			}
			if g != nil {
				g.Slash = s
			}
		}
	}
	for id, st := range ap.bd.games {
		g, err := ap.tx.game(id)
		if err != nil {
			return err
		}
		if g == nil {
			continue
		}
		g.WorkerClock, g.ChallengerClock, g.LastMoveAt, g.Phase = st.WorkerClock, st.ChallengerClock, st.LastMoveAt, st.Phase
		if g.Bond == nil || g.Bond.Sign() == 0 {
			g.Bond = new(big.Int).Set(st.Bond)
		}
		for i := range g.Moves {
			if g.Moves[i].Ref.Block == ap.bd.header.Number.Uint64() {
				g.Moves[i].WorkerClock, g.Moves[i].ChallengerClock, g.Moves[i].Phase = st.WorkerClock, st.ChallengerClock, st.Phase
			}
		}
	}
	return nil
}

// jobEvent records ev on job id and returns the job (nil when unknown).
func (ap *applier) jobEvent(id uint64, ev *abi.Event, l *types.Log) (*Job, error) {
	j, err := ap.tx.job(id)
	if err != nil || j == nil {
		return nil, err
	}
	ref := ap.ref(l)
	j.Events = append(j.Events, Event{Name: ev.Name, Ref: ref, Args: args(ev, l)})
	j.Updated = ref
	return j, nil
}

// role adds a role of addr in job id (a pjob/ record: a participant's
// jobs are not rewritten with its record at every event).
func (ap *applier) role(addr common.Address, id uint64, role string) error {
	if _, err := ap.tx.part(addr); err != nil {
		return err
	}
	key := partJobKey(addr, id)
	var roles []string
	raw, ok, err := ap.tx.getRaw(key)
	if err != nil {
		return err
	}
	if ok {
		if err := decode(raw, &roles); err != nil {
			return err
		}
	}
	for _, r := range roles {
		if r == role {
			return nil
		}
	}
	ap.tx.putRaw(key, encode(append(roles, role)))
	return nil
}

func (j *Job) round(r uint32) *Round {
	for i := range j.Rounds {
		if j.Rounds[i].Round == r {
			return &j.Rounds[i]
		}
	}
	return nil
}

func (j *Job) current() *Round {
	if len(j.Rounds) == 0 {
		return nil
	}
	return &j.Rounds[len(j.Rounds)-1]
}

func bigOf(b *big.Int) *big.Int {
	if b == nil {
		return new(big.Int)
	}
	return new(big.Int).Set(b)
}

func (ap *applier) market(ev *abi.Event, l *types.Log) error {
	m := ap.a.market
	ref := ap.ref(l)
	switch ev.Name {
	case "JobPosted":
		e, err := m.UnpackJobPostedEvent(l)
		if err != nil {
			return err
		}
		p := e.Params
		id := e.JobId.Uint64()
		j := &Job{
			JobSummary: JobSummary{ID: id, Poster: e.Poster, Status: StatusOpen, SpecHash: p.SpecHash, MaxPrice: bigOf(p.MaxPrice),
				Escrow: bigOf(e.Escrow), Price: new(big.Int), Auctions: 1, BiddingEndsAt: e.BiddingEndsAt.Uint64(), Posted: ref, Updated: ref},
			Params: JobParams{SpecHash: p.SpecHash, DatasetHash: p.DatasetHash, DatasetURI: p.DatasetUri, InitialStateRoot: p.InitialStateRoot,
				GraphRoot: p.GraphRoot, DataRoot: p.DataRoot, Steps: p.Steps, CheckpointInterval: p.CheckpointInterval, MaxPrice: bigOf(p.MaxPrice),
				RequiredCollateral: bigOf(p.RequiredCollateral), BidWindow: p.BidWindow, ExecutionWindow: p.ExecutionWindow, ChallengeWindow: p.ChallengeWindow},
			Events: []Event{{Name: ev.Name, Ref: ref, Args: args(ev, l)}},
		}
		j.Checkpoints = j.Params.Checkpoints()
		if e.Escrow.Sign() > 0 {
			j.Funders = append(j.Funders, Funding{Funder: e.Poster, Amount: bigOf(e.Escrow), Escrow: bigOf(e.Escrow), Ref: ref})
		}
		ap.tx.newJob(j)
		t, err := ap.tx.totals()
		if err != nil {
			return err
		}
		t.Jobs++
		return ap.role(e.Poster, id, "poster")
	case "JobFunded":
		e, err := m.UnpackJobFundedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Escrow = bigOf(e.Escrow)
		j.Funders = append(j.Funders, Funding{Funder: e.Funder, Amount: bigOf(e.Amount), Escrow: bigOf(e.Escrow), Ref: ref})
		return ap.role(e.Funder, j.ID, "funder")
	case "BidPlaced":
		e, err := m.UnpackBidPlacedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Price, j.Worker = bigOf(e.Price), e.Bidder
		j.Bids = append(j.Bids, Bid{Bidder: e.Bidder, Price: bigOf(e.Price), Auction: j.Auctions, Ref: ref})
		return ap.role(e.Bidder, j.ID, "bidder")
	case "JobAssigned":
		e, err := m.UnpackJobAssignedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Status, j.Worker, j.Price, j.Round = StatusAssigned, e.Worker, bigOf(e.Price), e.Round
		j.Rounds = append(j.Rounds, Round{Round: e.Round, Worker: e.Worker, Price: bigOf(e.Price), ResultDeadline: e.ResultDeadline.Uint64(), Assigned: ref})
		return ap.role(e.Worker, j.ID, "worker")
	case "ResultSubmitted":
		e, err := m.UnpackResultSubmittedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Status = StatusSubmitted
		if r := j.current(); r != nil {
			r.Result = &Result{FinalModelRoot: e.FinalModelRoot, CheckpointsRoot: e.CheckpointsRoot, CheckpointsList: e.CheckpointsList, ChallengeEndsAt: e.ChallengeEndsAt.Uint64(), Ref: ref}
		}
	case "JobFinalized":
		e, err := m.UnpackJobFinalizedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Status = StatusFinalized
		if r := j.current(); r != nil {
			r.End, r.EndRef = "finalized", &ref
			if r.Result != nil {
				j.FinalModelRoot = r.Result.FinalModelRoot
			}
		}
		j.Payments = append(j.Payments, Payment{Kind: "price", To: e.Worker, Amount: bigOf(e.Price), Ref: ref})
		if e.Refund.Sign() > 0 {
			j.Payments = append(j.Payments, Payment{Kind: "refund", Amount: bigOf(e.Refund), Ref: ref})
		}
		t, err := ap.tx.totals()
		if err != nil {
			return err
		}
		t.Paid.Add(t.Paid, e.Price)
		t.Refunded.Add(t.Refunded, e.Refund)
		p, err := ap.tx.part(e.Worker)
		if err != nil {
			return err
		}
		p.Earnings.Add(p.Earnings, e.Price)
	case "JobCancelled":
		e, err := m.UnpackJobCancelledEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Status = StatusCancelled
		if e.Refund.Sign() > 0 {
			j.Payments = append(j.Payments, Payment{Kind: "refund", Amount: bigOf(e.Refund), Ref: ref})
		}
		t, err := ap.tx.totals()
		if err != nil {
			return err
		}
		t.Refunded.Add(t.Refunded, e.Refund)
	case "JobReopened":
		e, err := m.UnpackJobReopenedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Status, j.Worker, j.Price, j.Auctions, j.BiddingEndsAt = StatusOpen, common.Address{}, new(big.Int), 1, e.BiddingEndsAt.Uint64()
		if r := j.current(); r != nil && r.End == "" {
			r.End, r.EndRef = "reopened", &ref
		}
	case "AuctionRestarted":
		e, err := m.UnpackAuctionRestartedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Auctions, j.BiddingEndsAt = e.Auctions, e.BiddingEndsAt.Uint64()
	case "JobTimedOut":
		e, err := m.UnpackJobTimedOutEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		if r := j.current(); r != nil {
			r.End, r.EndRef, r.Slashed = "timed-out", &ref, bigOf(e.Slashed)
		}
	case "DisputeOpened":
		_, err := ap.jobEvent(new(big.Int).SetBytes(l.Topics[1][:]).Uint64(), ev, l)
		return err
	case "DisputeResolved":
		e, err := m.UnpackDisputeResolvedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		if r := j.round(e.Round); r != nil && e.WorkerLost {
			r.End, r.EndRef, r.Slashed = "lost-dispute", &ref, bigOf(e.Slashed)
		}
	case "RefundClaimed":
		e, err := m.UnpackRefundClaimedEvent(l)
		if err != nil {
			return err
		}
		j, err := ap.jobEvent(e.JobId.Uint64(), ev, l)
		if err != nil || j == nil {
			return err
		}
		j.Payments = append(j.Payments, Payment{Kind: "refund-claimed", To: e.Funder, Amount: bigOf(e.Amount), Ref: ref})
	case "Withdrawn":
		e, err := m.UnpackWithdrawnEvent(l)
		if err != nil {
			return err
		}
		return ap.withdrawn(e.Account, e.Amount)
	}
	return nil
}

func (ap *applier) withdrawn(a common.Address, amount *big.Int) error {
	p, err := ap.tx.part(a)
	if err != nil {
		return err
	}
	p.Withdrawn.Add(p.Withdrawn, amount)
	return nil
}

func (ap *applier) stakeChange(a common.Address, kind string, amount *big.Int, job uint64, l *types.Log, f func(p *Participant, t *totals)) error {
	p, err := ap.tx.part(a)
	if err != nil {
		return err
	}
	t, err := ap.tx.totals()
	if err != nil {
		return err
	}
	f(p, t)
	ap.tx.putRaw(partStakeKey(a, l.BlockNumber, l.Index), encode(&StakeChange{Kind: kind, Amount: bigOf(amount), JobID: job, Staked: bigOf(p.Staked), Ref: ap.ref(l)}))
	return nil
}

func (ap *applier) stake(ev *abi.Event, l *types.Log) error {
	s := ap.a.stake
	switch ev.Name {
	case "Deposited":
		e, err := s.UnpackDepositedEvent(l)
		if err != nil {
			return err
		}
		return ap.stakeChange(e.Staker, "deposit", e.Amount, 0, l, func(p *Participant, t *totals) {
			p.Staked = bigOf(e.Staked)
			t.TotalStake.Add(t.TotalStake, e.Amount)
		})
	case "UnbondRequested":
		e, err := s.UnpackUnbondRequestedEvent(l)
		if err != nil {
			return err
		}
		return ap.stakeChange(e.Staker, "unbond", e.Amount, 0, l, func(p *Participant, t *totals) {
			p.Staked.Sub(p.Staked, e.Amount)
			p.Unbonding = bigOf(e.Unbonding)
			t.TotalStake.Sub(t.TotalStake, e.Amount)
		})
	case "Withdrawn":
		e, err := s.UnpackWithdrawnEvent(l)
		if err != nil {
			return err
		}
		return ap.stakeChange(e.Staker, "withdraw", e.Amount, 0, l, func(p *Participant, t *totals) {
			p.Unbonding.Sub(p.Unbonding, e.Amount)
			p.Withdrawn.Add(p.Withdrawn, e.Amount)
		})
	case "Locked":
		e, err := s.UnpackLockedEvent(l)
		if err != nil {
			return err
		}
		return ap.stakeChange(e.Staker, "lock", e.Amount, e.JobId.Uint64(), l, func(p *Participant, t *totals) {
			p.Locked.Add(p.Locked, e.Amount)
			t.Locked.Add(t.Locked, e.Amount)
		})
	case "Unlocked":
		e, err := s.UnpackUnlockedEvent(l)
		if err != nil {
			return err
		}
		return ap.stakeChange(e.Staker, "unlock", e.Amount, e.JobId.Uint64(), l, func(p *Participant, t *totals) {
			p.Locked.Sub(p.Locked, e.Amount)
			t.Locked.Sub(t.Locked, e.Amount)
		})
	case "Slashed":
		e, err := s.UnpackSlashedEvent(l)
		if err != nil {
			return err
		}
		job := e.JobId.Uint64()
		if err := ap.stakeChange(e.Staker, "slash", e.Amount, job, l, func(p *Participant, t *totals) {
			p.Locked.Sub(p.Locked, e.Amount)
			p.Staked.Sub(p.Staked, e.Amount)
			p.Slashed.Add(p.Slashed, e.Amount)
			t.Locked.Sub(t.Locked, e.Amount)
			t.TotalStake.Sub(t.TotalStake, e.Amount)
			t.Slashed.Add(t.Slashed, e.Amount)
			t.Burned.Add(t.Burned, e.Burned)
		}); err != nil {
			return err
		}
		ap.slashes[slashKey{l.TxHash, job}] = &SlashRecord{Staker: e.Staker, JobID: job, Recipient: e.Recipient, Amount: bigOf(e.Amount),
			Reward: bigOf(e.Reward), Burned: bigOf(e.Burned), Ref: ap.ref(l)}
		if _, err := ap.jobEvent(job, ev, l); err != nil {
			return err
		}
		if e.Recipient != ap.addrs.VerdeArbitration && e.Reward.Sign() > 0 {
			p, err := ap.tx.part(e.Recipient)
			if err != nil {
				return err
			}
			p.Earnings.Add(p.Earnings, e.Reward)
		}
	case "RewardClaimed":
		e, err := s.UnpackRewardClaimedEvent(l)
		if err != nil {
			return err
		}
		return ap.withdrawn(e.Recipient, e.Amount)
	}
	return nil
}

func (ap *applier) registry(ev *abi.Event, l *types.Log) error {
	r := ap.a.registry
	switch ev.Name {
	case "NodeRegistered", "NodeUpdated":
		var node common.Address
		var peer []byte
		var hw string
		if ev.Name == "NodeRegistered" {
			e, err := r.UnpackNodeRegisteredEvent(l)
			if err != nil {
				return err
			}
			node, peer, hw = e.Node, e.PeerId, e.Hardware
		} else {
			e, err := r.UnpackNodeUpdatedEvent(l)
			if err != nil {
				return err
			}
			node, peer, hw = e.Node, e.PeerId, e.Hardware
		}
		p, err := ap.tx.part(node)
		if err != nil {
			return err
		}
		if !p.Registered {
			t, err := ap.tx.totals()
			if err != nil {
				return err
			}
			t.Nodes++
		}
		p.Registered, p.PeerID, p.Hardware = true, peer, hw
	case "JobDoneRecorded":
		e, err := r.UnpackJobDoneRecordedEvent(l)
		if err != nil {
			return err
		}
		p, err := ap.tx.part(e.Node)
		if err != nil {
			return err
		}
		p.JobsDone = e.JobsDone.Uint64()
	case "DisputeRecorded":
		e, err := r.UnpackDisputeRecordedEvent(l)
		if err != nil {
			return err
		}
		p, err := ap.tx.part(e.Node)
		if err != nil {
			return err
		}
		p.DisputesWon, p.DisputesLost = e.DisputesWon.Uint64(), e.DisputesLost.Uint64()
	}
	return nil
}

// checkpoint finds (creating) checkpoint k of round r.
func (r *Round) checkpoint(k uint32) *Checkpoint {
	i := 0
	for ; i < len(r.Checkpoints); i++ {
		if r.Checkpoints[i].Index == k {
			return &r.Checkpoints[i]
		}
		if r.Checkpoints[i].Index > k {
			break
		}
	}
	r.Checkpoints = append(r.Checkpoints, Checkpoint{})
	copy(r.Checkpoints[i+1:], r.Checkpoints[i:])
	r.Checkpoints[i] = Checkpoint{Index: k}
	return &r.Checkpoints[i]
}

// commitment places an on-chain commitment on its job's checkpoint timeline
// (ignored when the job, the round or the worker does not match).
func (ap *applier) commitment(c inbox.Commitment, posted *Inclusion, forced *TxRef) error {
	j, err := ap.tx.job(c.JobID)
	if err != nil || j == nil {
		return err
	}
	r := j.round(c.Round)
	if r == nil || r.Worker != c.Worker || c.Checkpoint == 0 || c.Checkpoint > j.Params.Checkpoints() {
		return nil
	}
	cp := r.checkpoint(c.Checkpoint)
	switch {
	case cp.StateRoot == (common.Hash{}):
		cp.StateRoot = c.StateRoot
	case cp.StateRoot != c.StateRoot:
		cp.Conflicts++
		return nil
	}
	if posted != nil && cp.Posted == nil {
		cp.Posted = posted
	}
	if forced != nil && cp.Forced == nil {
		cp.Forced = forced
	}
	if posted != nil {
		j.Updated = posted.Ref
	} else if forced != nil {
		j.Updated = *forced
	}
	return nil
}

func (ap *applier) inbox(ev *abi.Event, l *types.Log) error {
	ib := ap.a.inbox
	ref := ap.ref(l)
	t, err := ap.tx.totals()
	if err != nil {
		return err
	}
	switch ev.Name {
	case "BatchPosted":
		e, err := ib.UnpackBatchPostedEvent(l)
		if err != nil {
			return err
		}
		idx := e.BatchIndex.Uint64()
		t.Batches++
		t.Commitments += e.Size.Uint64()
		rec := batchRecord{Index: idx, Root: e.Root, Size: e.Size.Uint64(), Ref: ref}
		cs := ap.batchEntries(l, e.Root)
		if cs != nil {
			rec.Decoded = true
			for i, c := range cs {
				if err := ap.commitment(c, &Inclusion{Batch: idx, Leaf: uint32(i), Ref: ref}, nil); err != nil {
					return err
				}
			}
		}
		ap.tx.putRaw(u64key(prefixBatch, idx), encode(&rec))
	case "ForceIncluded":
		e, err := ib.UnpackForceIncludedEvent(l)
		if err != nil {
			return err
		}
		t.Forced++
		t.Commitments++
		return ap.commitment(inbox.Commitment{JobID: e.JobId, Round: e.Round, Checkpoint: e.Checkpoint, StateRoot: e.StateRoot, Worker: e.Worker}, nil, &ref)
	}
	return nil
}

// batchEntries decodes the postBatch calldata of the log's transaction;
// nil when it is not a direct postBatch call to the inbox or its entries
// do not give root.
func (ap *applier) batchEntries(l *types.Log, root common.Hash) []inbox.Commitment {
	t := ap.bd.txs[l.TxHash]
	if t == nil || t.To != ap.addrs.CommitmentInbox || len(t.Input) < 4 {
		return nil
	}
	m, err := ap.a.byContract[cInbox].MethodById(t.Input[:4])
	if err != nil || m.Name != "postBatch" {
		return nil
	}
	vals, err := m.Inputs.Unpack(t.Input[4:])
	if err != nil || len(vals) != 1 {
		return nil
	}
	entries, ok := vals[0].([]byte)
	if !ok {
		return nil
	}
	return decodeBatch(entries, root)
}

// decodeBatch parses a batch's entries and checks them against root.
func decodeBatch(entries []byte, root common.Hash) []inbox.Commitment {
	got, err := inbox.BatchRoot(entries)
	if err != nil || got != root {
		return nil
	}
	cs, err := inbox.DecodeBatch(entries)
	if err != nil {
		return nil
	}
	return cs
}

func gameID(l *types.Log) uint64 { return new(big.Int).SetBytes(l.Topics[1][:]).Uint64() }

func (ap *applier) game(ev *abi.Event, l *types.Log) error {
	ga := ap.a.game
	ref := ap.ref(l)
	switch ev.Name {
	case "Wired":
		return nil
	case "Withdrawn":
		e, err := ga.UnpackWithdrawnEvent(l)
		if err != nil {
			return err
		}
		return ap.withdrawn(e.Account, e.Amount)
	case "RewardPooled":
		e, err := ga.UnpackRewardPooledEvent(l)
		if err != nil {
			return err
		}
		g, err := ap.tx.game(e.GameId.Uint64())
		if err != nil || g == nil {
			return err
		}
		g.Moves = append(g.Moves, Move{Name: ev.Name, By: ref.From, Ref: ref, Args: args(ev, l)})
		return nil
	case "GameStarted":
		e, err := ga.UnpackGameStartedEvent(l)
		if err != nil {
			return err
		}
		id, job := e.GameId.Uint64(), e.JobId.Uint64()
		g := &Game{ID: id, JobID: job, Round: e.Round, Checkpoint: e.Checkpoint, Worker: e.Worker, Challenger: e.Challenger,
			StartRoot: e.StartRoot, EndRoot: e.EndRoot, Bond: new(big.Int),
			Moves: []Move{{Name: ev.Name, By: ref.From, Ref: ref, Args: args(ev, l)}}}
		if st := ap.bd.games[id]; st != nil {
			g.Bond = bigOf(st.Bond)
		}
		ap.tx.newGame(g)
		t, err := ap.tx.totals()
		if err != nil {
			return err
		}
		t.Games++
		t.LiveGames++
		ap.tx.putRaw(u64key(prefixLive, id), e.Challenger.Bytes())
		vk := append([]byte("ver/"), e.Challenger[:]...)
		if _, had, err := ap.tx.getRaw(vk); err != nil {
			return err
		} else if !had {
			t.Verifiers++
			ap.tx.putRaw(vk, []byte{recordVersion})
		}
		j, err := ap.jobEvent(job, ev, l)
		if err != nil {
			return err
		}
		if j != nil {
			j.Games = append(j.Games, id)
			if r := j.round(e.Round); r != nil {
				r.Games = append(r.Games, id)
				if e.Checkpoint > 0 {
					ap.audit(j, r, e.Checkpoint, id, e.EndRoot)
				}
			}
			if e.Checkpoint > 0 {
				g.Bisection.Checkpoint = checkpointLevel(j, e.Checkpoint, e.StartRoot, e.EndRoot)
			}
		}
		for _, a := range []common.Address{e.Worker, e.Challenger} {
			p, err := ap.tx.part(a)
			if err != nil {
				return err
			}
			p.Games = append(p.Games, id)
		}
		return nil
	}
	g, err := ap.tx.game(gameID(l))
	if err != nil || g == nil {
		return err
	}
	mv := Move{Name: ev.Name, By: ref.From, Ref: ref, Args: args(ev, l)}
	g.Moves = append(g.Moves, mv)
	b := &g.Bisection
	switch ev.Name {
	case "CheckpointPicked":
		e, err := ga.UnpackCheckpointPickedEvent(l)
		if err != nil {
			return err
		}
		g.Checkpoint = e.Checkpoint
		j, err := ap.tx.job(g.JobID)
		if err != nil {
			return err
		}
		b.Checkpoint = checkpointLevel(j, e.Checkpoint, e.StartRoot, e.EndRoot)
		if j != nil {
			if r := j.round(g.Round); r != nil {
				ap.audit(j, r, e.Checkpoint, g.ID, e.EndRoot)
			}
		}
	case "StepRootsRevealed":
		e, err := ga.UnpackStepRootsRevealedEvent(l)
		if err != nil {
			return err
		}
		if b.Checkpoint != nil {
			b.Checkpoint.StepRoots = e.ListRoot
		}
	case "StepPicked":
		e, err := ga.UnpackStepPickedEvent(l)
		if err != nil {
			return err
		}
		b.Step = &StepLevel{Step: e.Step, StartRoot: e.StartRoot, EndRoot: e.EndRoot}
	case "StepTraceRevealed":
		e, err := ga.UnpackStepTraceRevealedEvent(l)
		if err != nil {
			return err
		}
		if b.Step != nil {
			b.Step.NumNodes, b.Step.NumState, b.Step.TraceList = e.NumNodes, e.NumState, e.TraceList
		}
	case "NodePicked":
		e, err := ga.UnpackNodePickedEvent(l)
		if err != nil {
			return err
		}
		b.Node = &NodeLevel{Node: e.Node, Claim: e.Claim, OutRoot: e.OutRoot, Element: e.Element}
	case "ElementPicked":
		e, err := ga.UnpackElementPickedEvent(l)
		if err != nil {
			return err
		}
		b.Element = &ElementLevel{Element: e.Element}
	case "ElementTraceRevealed":
		e, err := ga.UnpackElementTraceRevealedEvent(l)
		if err != nil {
			return err
		}
		if b.Element == nil && b.Node != nil {
			b.Element = &ElementLevel{Element: b.Node.Element}
		}
		if b.Element != nil {
			b.Element.TraceLength, b.Element.ListRoot = e.TraceLength, e.ListRoot
		}
	case "EntryPicked":
		e, err := ga.UnpackEntryPickedEvent(l)
		if err != nil {
			return err
		}
		b.Primitive = &PrimitiveLevel{Entry: e.Entry}
	case "RewardShared":
		e, err := ga.UnpackRewardSharedEvent(l)
		if err != nil {
			return err
		}
		g.Reward = bigOf(e.Amount)
		p, err := ap.tx.part(e.Challenger)
		if err != nil {
			return err
		}
		p.Earnings.Add(p.Earnings, e.Amount)
	case "GameResolved":
		e, err := ga.UnpackGameResolvedEvent(l)
		if err != nil {
			return err
		}
		g.Outcome, g.Reason, g.Paid, g.Resolved = Outcome(e.Outcome), Reason(e.Reason), e.Paid, &ref
		if g.Reason == 5 || g.Reason == 6 { // StepCorrect, StepWrong: the one-step ran in this transaction
			if b.Primitive == nil {
				b.Primitive = &PrimitiveLevel{}
			}
			b.Primitive.OneStep = ap.oneStep(l, g.Reason)
		}
		t, err := ap.tx.totals()
		if err != nil {
			return err
		}
		if t.LiveGames > 0 {
			t.LiveGames--
		}
		ap.tx.delRaw(u64key(prefixLive, g.ID))
		winner, loser := common.Address{}, common.Address{}
		switch g.Outcome {
		case OutcomeWorkerWon:
			winner, loser = g.Worker, g.Challenger
		case OutcomeChallengerWon:
			winner, loser = g.Challenger, g.Worker
			ap.ended[slashKey{l.TxHash, g.JobID}] = g.ID
		case OutcomeShared:
			winner = g.Challenger
		}
		if winner != (common.Address{}) {
			p, err := ap.tx.part(winner)
			if err != nil {
				return err
			}
			p.GamesWon = append(p.GamesWon, g.ID)
			if g.Outcome == OutcomeWorkerWon && e.Paid == g.Worker {
				p.Earnings.Add(p.Earnings, e.Bond)
			}
		}
		if loser != (common.Address{}) {
			p, err := ap.tx.part(loser)
			if err != nil {
				return err
			}
			p.GamesLost = append(p.GamesLost, g.ID)
		}
		if _, err := ap.jobEvent(g.JobID, ev, l); err != nil {
			return err
		}
	}
	return nil
}

// audit marks checkpoint k of round r as disputed by game id.
func (ap *applier) audit(j *Job, r *Round, k uint32, id uint64, root common.Hash) {
	if k > j.Params.Checkpoints() {
		return
	}
	cp := r.checkpoint(k)
	if cp.StateRoot == (common.Hash{}) {
		cp.StateRoot = root
	}
	for _, g := range cp.Audited {
		if g == id {
			return
		}
	}
	cp.Audited = append(cp.Audited, id)
}

func checkpointLevel(j *Job, k uint32, start, end common.Hash) *CheckpointLevel {
	c := &CheckpointLevel{Checkpoint: k, StartRoot: start, EndRoot: end}
	if j != nil && k > 0 {
		c.FromStep, c.ToStep = uint64(k-1)*j.Params.CheckpointInterval, uint64(k)*j.Params.CheckpointInterval
	}
	return c
}

// oneStep decodes the proveStep call of the log's transaction.
func (ap *applier) oneStep(l *types.Log, r Reason) *OneStep {
	os := &OneStep{Ref: ap.ref(l), Result: r.String()}
	t := ap.bd.txs[l.TxHash]
	if t == nil || len(t.Input) < 4 {
		return os
	}
	m, err := ap.a.byContract[cGame].MethodById(t.Input[:4])
	if err != nil || m.Name != "proveStep" {
		return os
	}
	vals, err := m.Inputs.Unpack(t.Input[4:])
	if err != nil || len(vals) != 2 {
		return os
	}
	p, ok := abi.ConvertType(vals[1], new(bindings.OneStepLibStepProof)).(*bindings.OneStepLibStepProof)
	if !ok {
		return os
	}
	os.Operands = append(os.Operands,
		Arg{Name: "numNodes", Value: fmt.Sprint(p.NumNodes)},
		Arg{Name: "traceLength", Value: fmt.Sprint(p.TraceLength)},
		Arg{Name: "node", Value: "0x" + hex.EncodeToString(p.Node.Enc)},
		Arg{Name: "inputs", Value: fmt.Sprint(len(p.Inputs))},
		Arg{Name: "entryItem", Value: common.Hash(p.EntryItem).Hex()})
	for i, o := range p.Operands {
		os.Operands = append(os.Operands,
			Arg{Name: fmt.Sprintf("operand%d.outRoot", i), Value: common.Hash(o.OutRoot).Hex()},
			Arg{Name: fmt.Sprintf("operand%d.leaf", i), Value: common.Hash(o.Leaf).Hex()},
			Arg{Name: fmt.Sprintf("operand%d.entryItem", i), Value: common.Hash(o.EntryItem).Hex()})
	}
	return os
}

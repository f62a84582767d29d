package inbox

import (
	"crypto/ecdsa"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// SignatureSize is the size of an r || s || v signature.
const SignatureSize = 65

// EIP-712 names of the inbox.
const (
	DomainName     = "gensyn"
	DomainVersion  = "1"
	CommitmentType = "Commitment(uint64 jobId,uint32 round,uint32 checkpoint,bytes32 stateRoot,address worker)"
	domainType     = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)

// Signature errors (as OpenZeppelin's ECDSA.tryRecover rejects them).
var (
	ErrSignatureLength = errors.New("inbox: signature is not 65 bytes")
	ErrSignatureV      = errors.New("inbox: signature v is not 27 or 28")
	ErrSignatureS      = errors.New("inbox: signature s is in the upper half of the curve order")
	ErrSignature       = errors.New("inbox: signature does not recover")
)

var (
	// CommitmentTypehash is keccak256 of CommitmentType.
	CommitmentTypehash = crypto.Keccak256Hash([]byte(CommitmentType))
	domainTypehash     = crypto.Keccak256Hash([]byte(domainType))
	nameHash           = crypto.Keccak256Hash([]byte(DomainName))
	versionHash        = crypto.Keccak256Hash([]byte(DomainVersion))
	secp256k1HalfN     = new(big.Int).Rsh(crypto.S256().Params().N, 1)
)

// Domain is the EIP-712 domain of one deployed inbox.
type Domain struct {
	ChainID           uint64
	VerifyingContract common.Address
	separator         common.Hash
}

// NewDomain fixes the domain of the inbox at verifyingContract on chainID.
func NewDomain(chainID uint64, verifyingContract common.Address) Domain {
	d := Domain{ChainID: chainID, VerifyingContract: verifyingContract}
	var buf [5 * 32]byte
	copy(buf[0:32], domainTypehash[:])
	copy(buf[32:64], nameHash[:])
	copy(buf[64:96], versionHash[:])
	binary.BigEndian.PutUint64(buf[120:128], chainID)
	copy(buf[140:160], verifyingContract[:])
	d.separator = crypto.Keccak256Hash(buf[:])
	return d
}

// Separator is the domain separator (CommitmentInbox.domainSeparator).
func (d Domain) Separator() common.Hash { return d.separator }

// StructHash is keccak256(abi.encode(COMMITMENT_TYPEHASH, jobId, round,
// checkpoint, stateRoot, worker)).
func StructHash(c Commitment) common.Hash {
	var buf [6 * 32]byte
	copy(buf[0:32], CommitmentTypehash[:])
	binary.BigEndian.PutUint64(buf[56:64], c.JobID)
	binary.BigEndian.PutUint32(buf[92:96], c.Round)
	binary.BigEndian.PutUint32(buf[124:128], c.Checkpoint)
	copy(buf[128:160], c.StateRoot[:])
	copy(buf[172:192], c.Worker[:])
	return crypto.Keccak256Hash(buf[:])
}

// Digest is keccak256(0x1901 || domainSeparator || structHash), the value the
// worker signs (CommitmentInbox.commitmentDigest).
func (d Domain) Digest(c Commitment) common.Hash {
	sh := StructHash(c)
	var buf [2 + 32 + 32]byte
	buf[0], buf[1] = 0x19, 0x01
	copy(buf[2:34], d.separator[:])
	copy(buf[34:66], sh[:])
	return crypto.Keccak256Hash(buf[:])
}

// Sign signs the commitment's digest with key: 65 bytes r || s || v, v in
// {27, 28}, s in the lower half (as OpenZeppelin's ECDSA expects).
func (d Domain) Sign(c Commitment, key *ecdsa.PrivateKey) ([]byte, error) {
	digest := d.Digest(c)
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, fmt.Errorf("inbox: sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// Recover returns the address that signed the commitment, rejecting what
// OpenZeppelin's ECDSA.tryRecover rejects (wrong length, v not 27/28, high s).
func (d Domain) Recover(c Commitment, sig []byte) (common.Address, error) {
	if len(sig) != SignatureSize {
		return common.Address{}, fmt.Errorf("%w: got %d", ErrSignatureLength, len(sig))
	}
	v := sig[64]
	if v != 27 && v != 28 {
		return common.Address{}, fmt.Errorf("%w: got %d", ErrSignatureV, v)
	}
	if new(big.Int).SetBytes(sig[32:64]).Cmp(secp256k1HalfN) > 0 {
		return common.Address{}, ErrSignatureS
	}
	norm := make([]byte, SignatureSize)
	copy(norm, sig)
	norm[64] = v - 27
	digest := d.Digest(c)
	pub, err := crypto.SigToPub(digest[:], norm)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

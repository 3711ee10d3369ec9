/**
 * Aho-Corasick over bytes: all needles searched in one pass, each input byte costing amortised O(1)
 * whatever the number of needles. Stored in typed arrays (about 25 bytes per trie node): complete
 * transition rows (one slot per byte class, failures resolved) for the shallow states ordinary
 * output keeps returning to and for nodes with many children; a flat child list and a failure link
 * for the deep ones (mostly single chains); and per state the longest needle that ends there (a
 * shorter one ending at the same byte lies inside it, so masking the longest covers both).
 */

/** A needle is a byte string (latin1, one char per byte) and the id reported when it matches. */
export interface Needle {
  readonly bytes: string;
  readonly id: number;
}

/** States this shallow, and nodes with more children than DENSE_CHILDREN, get a complete row. */
const DENSE_DEPTH = 2;
const DENSE_CHILDREN = 6;

export class ByteAutomaton {
  private constructor(
    /** Byte → class (1…); 0 for a byte no needle contains: from any state it leads back to the root. */
    readonly classOf: Uint16Array,
    readonly classCount: number,
    /** Per state: index into `dense` of its row, or -1 when its edges are scanned. */
    readonly denseRow: Int32Array,
    readonly dense: Int32Array,
    readonly edgeStart: Int32Array,
    readonly edgeClass: Uint16Array,
    readonly edgeTarget: Int32Array,
    readonly fail: Int32Array,
    /** Per state: how many bytes of input it stands for (the length of its trie path). */
    readonly depth: Int32Array,
    /** Per state: length of the longest needle ending here, 0 when none. */
    readonly outLength: Int32Array,
    readonly outId: Int32Array,
    readonly longestNeedle: number,
  ) {}

  get stateCount(): number {
    return this.depth.length;
  }

  /** The state after `state` reads a byte of class `cls` (root is state 0). */
  next(state: number, cls: number): number {
    if (cls === 0) return 0;
    const { denseRow, dense, edgeStart, edgeClass, edgeTarget, fail } = this;
    let s = state;
    for (;;) {
      const row = denseRow[s]!;
      if (row >= 0) return dense[row + cls]!;
      const end = edgeStart[s + 1]!;
      for (let k = edgeStart[s]!; k < end; k++) if (edgeClass[k] === cls) return edgeTarget[k]!;
      s = fail[s]!;
    }
  }

  static build(needles: readonly Needle[]): ByteAutomaton {
    const classOf = new Uint16Array(256);
    let classCount = 1;
    let total = 1;
    let longestNeedle = 0;
    for (const { bytes } of needles) {
      total += bytes.length;
      longestNeedle = Math.max(longestNeedle, bytes.length);
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes.charCodeAt(i);
        if (classOf[byte] === 0) classOf[byte] = classCount++;
      }
    }

    // The trie, children as linked lists while it grows.
    const firstChild = new Int32Array(total).fill(-1);
    const nextSibling = new Int32Array(total).fill(-1);
    const label = new Uint16Array(total);
    const depth = new Int32Array(total);
    const terminal = new Int32Array(total).fill(-1);
    const childCount = new Int32Array(total);
    const parent = new Int32Array(total);
    let nodes = 1;
    const childOf = (node: number, cls: number): number => {
      for (let c = firstChild[node]!; c >= 0; c = nextSibling[c]!) if (label[c] === cls) return c;
      return -1;
    };
    for (const { bytes, id } of needles) {
      let node = 0;
      for (let i = 0; i < bytes.length; i++) {
        const cls = classOf[bytes.charCodeAt(i)]!;
        let child = childOf(node, cls);
        if (child < 0) {
          child = nodes++;
          label[child] = cls;
          depth[child] = depth[node]! + 1;
          nextSibling[child] = firstChild[node]!;
          firstChild[node] = child;
          childCount[node]!++;
        }
        node = child;
      }
      if (terminal[node]! < 0) terminal[node] = id; // the first value to claim a needle names it
    }

    // Failure links and longest outputs, breadth first (a node's failure is shallower than it).
    const fail = new Int32Array(nodes);
    const outLength = new Int32Array(nodes);
    const outId = new Int32Array(nodes).fill(-1);
    const order = new Int32Array(nodes);
    const childByLabel = (node: number, cls: number): number => (node === 0 ? rootChild[cls]! : childOf(node, cls));
    const denseRow = new Int32Array(nodes).fill(-1);
    let denseRows = 0;
    for (let node = 0; node < nodes; node++) if (depth[node]! <= DENSE_DEPTH || childCount[node]! > DENSE_CHILDREN) denseRow[node] = classCount * denseRows++;
    const dense = new Int32Array(classCount * denseRows);
    // The build's own transition: complete rows once made, else children with failures followed.
    const completed = new Uint8Array(nodes);
    const transition = (state: number, cls: number): number => {
      for (let s = state; ; s = fail[s]!) {
        if (completed[s]) return dense[denseRow[s]! + cls]!;
        const child = childByLabel(s, cls);
        if (child > 0) return child;
        if (s === 0) return 0;
      }
    };
    const rootChild = new Int32Array(classCount);
    for (let c = firstChild[0]!; c >= 0; c = nextSibling[c]!) rootChild[label[c]!] = c;
    let head = 0;
    let tail = 0;
    order[tail++] = 0;
    while (head < tail) {
      const node = order[head++]!;
      if (depth[node]! > 1) fail[node] = transition(fail[parent[node]!]!, label[node]!);
      if (terminal[node]! >= 0) {
        outLength[node] = depth[node]!;
        outId[node] = terminal[node]!;
      } else if (node !== 0) {
        outLength[node] = outLength[fail[node]!]!;
        outId[node] = outId[fail[node]!]!;
      }
      for (let c = firstChild[node]!; c >= 0; c = nextSibling[c]!) {
        parent[c] = node;
        order[tail++] = c;
      }
    }

    // Complete rows (every class, failures resolved) for the shallow states ordinary output keeps
    // returning to and for nodes with many children; flat edge lists for the rest.
    for (const node of order) {
      const row = denseRow[node]!;
      if (row < 0) continue;
      for (let cls = 1; cls < classCount; cls++) dense[row + cls] = transition(node, cls);
      completed[node] = 1;
    }
    const edgeStart = new Int32Array(nodes + 1);
    for (let node = 0; node < nodes; node++) edgeStart[node + 1] = edgeStart[node]! + (denseRow[node]! >= 0 ? 0 : childCount[node]!);
    const edgeClass = new Uint16Array(edgeStart[nodes]!);
    const edgeTarget = new Int32Array(edgeStart[nodes]!);
    for (let node = 0; node < nodes; node++) {
      if (denseRow[node]! >= 0) continue;
      let k = edgeStart[node]!;
      for (let c = firstChild[node]!; c >= 0; c = nextSibling[c]!) {
        edgeClass[k] = label[c]!;
        edgeTarget[k++] = c;
      }
    }
    const automaton = new ByteAutomaton(classOf, classCount, denseRow, dense, edgeStart, edgeClass, edgeTarget, fail, depth.slice(0, nodes), outLength, outId, longestNeedle);
    return automaton;
  }
}

// ml-isolation-forest 0.1 ships no type declarations. These cover the calls and fields this
// project uses, read from the package's src/IsolationForest.js and src/TreeNode.js.
declare module 'ml-isolation-forest' {
	/** One node of a trained isolation tree: an inner node has both children, a leaf neither. */
	export interface IsolationTreeNode {
		left?: IsolationTreeNode;
		right?: IsolationTreeNode;
		/** Feature index the node splits on (inner nodes). */
		splitColumn?: number;
		/** Rows with feature < splitValue go left (inner nodes). */
		splitValue?: number;
		/** Training rows that reached this leaf (leaves). */
		trainingSet?: number[][];
	}

	export class IsolationForest {
		constructor(options?: { nEstimators?: number });
		/** Root of each trained tree. */
		forest: IsolationTreeNode[];
		/** Builds the trees from every row given, with splits drawn from Math.random. */
		train(trainingSet: number[][]): void;
		/** Returns one anomaly score in (0, 1] per row: near 1 is isolated quickly. */
		predict(data: number[][]): number[];
	}
}

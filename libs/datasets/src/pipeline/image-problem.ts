import type { IndexProblem } from '../sample';

/**
 * Why a sample's image is not fit for training: the file cannot be read, is empty, cannot be decoded, or is blank
 * (all one colour or nearly, as KDEF's solid-black images). Blank images still have pixels; the caller decides.
 */
export type ImageProblemKind = 'unreadable' | 'empty' | 'undecodable' | 'blank';

/** A sample whose image has a problem, by its index in the loaded samples and its path. */
export interface ImageProblem extends IndexProblem {
  index: number;
  kind: ImageProblemKind;
}

/** What the mock draws: one flat colour of a size, opaque or fully transparent. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  /** Red, green, blue, 0..255. */
  readonly color: readonly [number, number, number];
  /** Every pixel fully transparent (alpha 0), for `background: 'transparent'`. */
  readonly transparent: boolean;
}

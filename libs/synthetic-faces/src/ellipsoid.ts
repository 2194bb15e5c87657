/**
 * An ellipsoid in head space, optionally pitched about its centre (its long axis leaning out of the face), the
 * building block of the head. Ray tests write into caller-owned arrays so the per-pixel loop allocates nothing.
 */
export class Ellipsoid {
  private readonly cos: number;
  private readonly sin: number;
  /** The ray direction in the unit-sphere frame and its squared length, set by `aim` once per image. */
  private ldx = 0;
  private ldy = 0;
  private ldz = 0;
  private a = 1;

  constructor(
    readonly cx: number,
    readonly cy: number,
    readonly cz: number,
    readonly rx: number,
    readonly ry: number,
    readonly rz: number,
    pitch = 0,
  ) {
    this.cos = Math.cos(pitch);
    this.sin = Math.sin(pitch);
  }

  /** Sets the direction of the rays `intersect` will test: all rays of an orthographic image share it. */
  aim(dx: number, dy: number, dz: number): void {
    const { cos, sin } = this;
    // Into the ellipsoid's frame (rotated by pitch about x), scaled to a unit sphere.
    this.ldx = dx / this.rx;
    this.ldy = (cos * dy - sin * dz) / this.ry;
    this.ldz = (sin * dy + cos * dz) / this.rz;
    this.a = this.ldx * this.ldx + this.ldy * this.ldy + this.ldz * this.ldz;
  }

  /** Where the ray from o along the aimed direction enters and leaves (t[0] <= t[1]); false when it misses. */
  intersect(ox: number, oy: number, oz: number, t: Float64Array): boolean {
    const { cos, sin, a } = this;
    const px = ox - this.cx;
    const py = oy - this.cy;
    const pz = oz - this.cz;
    const lox = px / this.rx;
    const loy = (cos * py - sin * pz) / this.ry;
    const loz = (sin * py + cos * pz) / this.rz;
    const b = lox * this.ldx + loy * this.ldy + loz * this.ldz;
    const c = lox * lox + loy * loy + loz * loz - 1;
    const disc = b * b - a * c;
    if (disc < 0) return false;
    const root = Math.sqrt(disc);
    t[0] = (-b - root) / a;
    t[1] = (-b + root) / a;
    return true;
  }

  /** The outward unit normal at surface point p, in head space. */
  normal(px: number, py: number, pz: number, n: Float64Array): void {
    const { cos, sin } = this;
    const qx = px - this.cx;
    const qy = py - this.cy;
    const qz = pz - this.cz;
    const gx = qx / (this.rx * this.rx);
    const gy = (cos * qy - sin * qz) / (this.ry * this.ry);
    const gz = (sin * qy + cos * qz) / (this.rz * this.rz);
    // Back from the ellipsoid's frame: the transpose of the pitch rotation.
    const wx = gx;
    const wy = cos * gy + sin * gz;
    const wz = -sin * gy + cos * gz;
    const length = Math.hypot(wx, wy, wz);
    n[0] = wx / length;
    n[1] = wy / length;
    n[2] = wz / length;
  }

  /** The surface point furthest along direction d (any length), in head space. */
  support(dx: number, dy: number, dz: number): [number, number, number] {
    const { cos, sin } = this;
    // Into the unit-sphere frame the direction is S Q d; the point there is that direction normalised, then back.
    const ux = this.rx * dx;
    const uy = this.ry * (cos * dy - sin * dz);
    const uz = this.rz * (sin * dy + cos * dz);
    const length = Math.hypot(ux, uy, uz);
    const qy = (this.ry * uy) / length;
    const qz = (this.rz * uz) / length;
    return [this.cx + (this.rx * ux) / length, this.cy + cos * qy + sin * qz, this.cz - sin * qy + cos * qz];
  }

  /** Height of the front surface above the xy plane at (x, y), for an unpitched ellipsoid; 0 outside it. */
  frontZ(x: number, y: number): number {
    const q = 1 - ((x - this.cx) / this.rx) ** 2 - ((y - this.cy) / this.ry) ** 2;
    return q > 0 ? this.cz + this.rz * Math.sqrt(q) : 0;
  }
}

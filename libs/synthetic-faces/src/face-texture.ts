import type { Rgb } from './colour';
import type { FaceGeometry } from './face-geometry';
import type { Identity } from './identity';
import { REGION, type Region } from './region';

const SCLERA: Rgb = [0.93, 0.9, 0.86];
const LASHES: Rgb = [0.05, 0.04, 0.04];
const MOUTH_INSIDE: Rgb = [0.22, 0.06, 0.06];
const TEETH: Rgb = [0.93, 0.9, 0.8];

/**
 * Half-width of the lines and folds action units deepen (AU4 between the brows, AU6 crow's feet, AU12 and AU9 the
 * nasolabial folds), head units: a line a pixel wide at 48x48, where half-widths of 0.007-0.008 (half a pixel wide)
 * vanished.
 */
const LINE_WIDTH = 0.015;

/** Coverage of a pixel by the inside of an edge at signed distance d (negative inside), `aa` wide. */
function cover(d: number, aa: number): number {
  const c = 0.5 - d / aa;
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/**
 * The colour of the face's surface, painted in head coordinates as seen from the front (x, y), so every feature
 * stays on the surface as the head turns: eyes, brows, mouth, lines and folds, cheeks, beard. Writes the albedo
 * into the fields r, g, b and returns which region the point belongs to.
 */
export class FaceTexture {
  r = 0;
  g = 0;
  b = 0;

  constructor(
    private readonly identity: Identity,
    private readonly face: FaceGeometry,
    private readonly gaze: { x: number; y: number },
    /** Anti-aliasing width: about one pixel in head units. */
    private readonly aa: number,
  ) {}

  /** Albedo at head-space point (x, y, z) on the face; the returned region says what is there. */
  colourAt(x: number, y: number, z: number): Region {
    const skin = this.identity.skin;
    this.r = skin[0];
    this.g = skin[1];
    this.b = skin[2];
    if (z < 0.1) return REGION.skin;
    let region: Region = REGION.skin;
    this.shadeCheeks(x, y);
    this.shadeLines(x, y);
    if (this.identity.beard > 0) this.paintBeard(x, y, z);
    for (let side = 0; side < 2; side++) {
      const eye = this.paintEye(side, x, y);
      if (eye) region = side === 0 ? REGION.eyeRight : REGION.eyeLeft;
      if (this.paintBrow(side, x, y)) region = REGION.brow;
    }
    const mouth = this.paintMouth(x, y);
    return mouth ?? region;
  }

  private blend(colour: Rgb, t: number): void {
    this.r += (colour[0] - this.r) * t;
    this.g += (colour[1] - this.g) * t;
    this.b += (colour[2] - this.b) * t;
  }

  private darken(factor: number): void {
    this.r *= factor;
    this.g *= factor;
    this.b *= factor;
  }

  /** Eye sockets in shade, cheeks rounded and flushed when raised (AU6). */
  private shadeCheeks(x: number, y: number): void {
    const { eyes, cheekRaise } = this.face;
    for (const eye of eyes) {
      const ex = x - eye.x;
      const socket = (ex / (eye.halfWidth * 1.7)) ** 2 + ((y - eye.y - 0.015) / 0.1) ** 2;
      if (socket < 1) this.darken(1 - 0.14 * (1 - socket));
      const cheek = (ex / 0.18) ** 2 + ((y - eye.y + 0.24 - 0.06 * cheekRaise) / 0.14) ** 2;
      if (cheek < 1) {
        const t = (1 - cheek) * (0.04 + 0.25 * cheekRaise);
        this.r += (1 - this.r) * t * 0.6;
        this.g += (0.75 - this.g) * t * 0.3;
        this.b += (0.7 - this.b) * t * 0.3;
      }
    }
  }

  /** Forehead lines (AU1, AU2), lines between the brows (AU4), across the nose (AU9), nasolabial folds, crow's feet. */
  private shadeLines(x: number, y: number): void {
    const { lines, brows, eyes, mouth } = this.face;
    const ax = Math.abs(x);
    const side = x < 0 ? 0 : 1;
    const browTop = Math.max(brows[side].innerY, brows[side].outerY) + 0.07;
    if (y > browTop && y < this.identity.hair.hairline - 0.04 && ax < 0.42) {
      const weight = lines.foreheadInner * Math.max(0, 1 - ax / 0.22) + lines.foreheadOuter * Math.min(1, Math.max(0, (ax - 0.08) / 0.15));
      const profile = Math.cos((2 * Math.PI * (y - browTop - 0.12 * x * x)) / 0.055) ** 8;
      this.darken(1 - 0.28 * weight * profile);
    }
    const inner = brows[side].innerY;
    if (lines.glabella > 0 && y > inner - 0.04 && y < inner + 0.09 && ax < 0.06) {
      const profile = Math.max(0, 1 - Math.abs(ax - 0.03) / LINE_WIDTH);
      this.darken(1 - 0.45 * lines.glabella * profile);
    }
    const nose = this.identity.nose;
    if (lines.nose > 0 && ax < nose.width * 0.9 && y < eyes[0].y - 0.03 && y > eyes[0].y - 0.16) {
      const profile = Math.cos((2 * Math.PI * y) / 0.035) ** 6;
      this.darken(1 - 0.4 * lines.nose * profile);
    }
    // Nose wing to just outside the mouth corner: a groove that follows the corner as it moves.
    const topY = nose.tipY + 0.02 + this.face.noseWingRaise;
    const bottomY = mouth.y + mouth.cornerLift[side] - 0.05;
    if (y < topY && y > bottomY) {
      const t = (topY - y) / (topY - bottomY);
      const lineX = nose.width + 0.06 + (mouth.halfWidth + 0.035 - nose.width - 0.06) * t + 0.035 * Math.sin(Math.PI * t);
      const d = Math.abs(ax - lineX);
      if (d < 0.045) {
        this.darken(1 - (0.05 + 0.4 * lines.nasolabial) * Math.max(0, 1 - d / (0.01 + LINE_WIDTH * lines.nasolabial)));
        if (ax > lineX) this.darken(1 + 0.08 * lines.nasolabial * (1 - d / 0.045));
      }
    }
    if (lines.crowsFeet > 0) {
      const eye = eyes[side];
      const cornerX = Math.abs(eye.x) + eye.halfWidth;
      const vx = ax - cornerX;
      const vy = y - eye.y - eye.tilt * eye.halfWidth;
      const distance = Math.hypot(vx, vy);
      if (vx > 0 && distance > 0.025 && distance < 0.1) {
        for (const slope of [-0.45, 0, 0.45]) {
          const off = Math.abs(vy - slope * vx) / Math.sqrt(1 + slope * slope);
          if (off < LINE_WIDTH) this.darken(1 - 0.4 * lines.crowsFeet * (1 - off / LINE_WIDTH));
        }
      }
    }
  }

  /** Stubble to full beard: below a line from the mouth corners up to the sideburns, and over the upper lip. */
  private paintBeard(x: number, y: number, z: number): void {
    const { mouth } = this.face;
    const ax = Math.abs(x);
    const reach = Math.min(1, Math.max(0, (ax - mouth.halfWidth) / (this.identity.head.width - mouth.halfWidth)));
    const line = mouth.y - 0.02 + (this.identity.ears.y - mouth.y) * reach * reach;
    const lipTop = mouth.y + mouth.openUpper + mouth.upperLip;
    const lipBottom = mouth.y - mouth.openLower - mouth.lowerLip;
    // Below the cheek line but not on the lips; the moustache band over the upper lip.
    const jaw = Math.min(cover(y - line, 0.04), ax < mouth.halfWidth ? cover(y - lipBottom + 0.015, 0.02) : 1);
    const moustache = ax < mouth.halfWidth + 0.02 ? Math.min(cover(lipTop + 0.005 - y, 0.015), cover(y - lipTop - 0.065, 0.02)) : 0;
    // Thinning out toward the ears.
    const density = Math.max(jaw, moustache) * Math.min(1, (z - 0.1) / 0.35);
    if (density > 0) this.blend(this.identity.hair.colour, this.identity.beard * 0.8 * density);
  }

  /** The eye of one side: sclera, iris and pupil between the lids, lash line, lid crease, lower-lid fold. */
  private paintEye(side: number, x: number, y: number): boolean {
    const eye = this.face.eyes[side];
    const outward = side === 0 ? -1 : 1;
    const ex = (x - eye.x) * outward;
    if (ex < -eye.halfWidth - 0.03 || ex > eye.halfWidth + 0.03) return false;
    const ey = y - eye.y - eye.tilt * ex;
    if (ey > 0.12 || ey < -0.1) return false;
    const u = ex / eye.halfWidth;
    const s = Math.max(0, 1 - u * u);
    const root = Math.sqrt(s);
    // The upper lid peaks a little toward the nose, as real lids do.
    const upper = eye.upper * Math.sqrt(Math.max(0, 1 - ((u + 0.08) / 1.08) ** 2));
    const lower = -eye.lower * root;
    const crease = upper + (0.03 + 0.3 * eye.upper) * root;
    if (Math.abs(ey - crease) < 0.007 && s > 0) this.darken(0.86);
    const fold = lower - 0.022 - 0.012 * eye.lowerLidTension;
    if (Math.abs(ey - fold) < 0.006 && s > 0.1) this.darken(1 - (0.06 + 0.14 * eye.lowerLidTension) * s);
    const inside = Math.min(cover(ey - upper, this.aa), cover(lower - ey, this.aa));
    if (inside > 0) {
      const ix = x - eye.x - this.gaze.x;
      const iy = y - eye.y - this.gaze.y;
      const d = Math.hypot(ix, iy);
      const irisRadius = this.identity.eyes.irisRadius;
      let colour: Rgb;
      if (d < irisRadius * 0.42) colour = [0.03, 0.03, 0.03];
      else if (d < irisRadius) {
        const rim = d > irisRadius * 0.8 ? 0.6 : 1;
        const iris = this.identity.eyes.iris;
        colour = [iris[0] * rim, iris[1] * rim, iris[2] * rim];
      } else colour = [SCLERA[0] * (0.75 + 0.25 * s), SCLERA[1] * (0.75 + 0.25 * s), SCLERA[2] * (0.75 + 0.25 * s)];
      // The upper lid's shadow on the eyeball.
      const lidShadow = upper - ey < 0.018 ? 0.7 : 1;
      this.blend([colour[0] * lidShadow, colour[1] * lidShadow, colour[2] * lidShadow], inside);
    }
    const lash = 0.01 + 0.01 * Math.max(0, u);
    if (Math.abs(u) < 1.08) this.blend(LASHES, 0.9 * cover(Math.abs(ey - upper) - lash, this.aa));
    return inside > 0.5;
  }

  /** One brow: an arc from the inner to the outer end, thick at the inner end. */
  private paintBrow(side: number, x: number, y: number): boolean {
    const brow = this.face.brows[side];
    const ax = side === 0 ? -x : x;
    const t = (ax - brow.innerX) / (brow.outerX - brow.innerX);
    if (t < -0.05 || t > 1.05) return false;
    const centre = brow.innerY + (brow.outerY - brow.innerY) * t + brow.arch * 4 * t * (1 - t);
    const half = (brow.thickness * (1 - 0.5 * Math.max(0, t))) / 2;
    const ends = Math.min(1, (t + 0.05) / 0.08, (1.05 - t) / 0.12);
    const coverage = cover(Math.abs(y - centre) - half, this.aa) * ends;
    if (coverage <= 0) return false;
    this.blend(this.identity.brows.colour, 0.92 * coverage);
    return coverage > 0.5;
  }

  /** Lips around a lip line through the two corners; when parted, the dark inside with upper and lower teeth. */
  private paintMouth(x: number, y: number): Region | undefined {
    const m = this.face.mouth;
    const u = x / m.halfWidth;
    if (u <= -1 || u >= 1) {
      // The corner's crease, a little past the lips along the lip line: where the corner points shows in profile.
      if (Math.abs(u) < 1.15) this.darken(1 - 0.4 * cover(Math.abs(y - m.y - m.cornerLift[u < 0 ? 0 : 1] * u * u) - LINE_WIDTH, this.aa) * (1.15 - Math.abs(u)) / 0.15);
      return undefined;
    }
    if (y > m.y + 0.2 || y < m.y - m.openLower - 0.12) return undefined;
    const s = 1 - u * u;
    const root = Math.sqrt(s);
    const mid = m.y + m.cornerLift[u < 0 ? 0 : 1] * u * u;
    const top = mid + m.openUpper * root;
    const bottom = mid - m.openLower * root;
    // Cupid's bow: the upper lip dips at the middle.
    const lipTop = top + m.upperLip * s ** 0.35 * (1 - 0.3 * Math.exp(-((u / 0.12) ** 2)));
    const lipBottom = bottom - m.lowerLip * s ** 0.45;
    const onLips = Math.min(cover(y - lipTop, this.aa), cover(lipBottom - y, this.aa));
    if (onLips <= 0) return undefined;
    const lips = this.identity.lips;
    const lower = y < mid;
    const lipShade = lower ? 1.08 : 0.9;
    this.blend([lips[0] * lipShade, lips[1] * lipShade, lips[2] * lipShade], onLips);
    const opening = m.openUpper + m.openLower > 0.004 ? Math.min(cover(y - top, this.aa), cover(bottom - y, this.aa)) : 0;
    if (opening > 0) {
      const upperTeeth = y > top - Math.min(0.035, m.openUpper + m.openLower);
      const lowerTeeth = y < bottom + 0.018 && m.openLower > 0.02;
      const gap = Math.abs(Math.sin((x / 0.036) * Math.PI)) < 0.12 ? 0.75 : 1;
      const inside = (upperTeeth || lowerTeeth) && Math.abs(u) < 0.78 ? ([TEETH[0] * gap, TEETH[1] * gap, TEETH[2] * gap] as const) : MOUTH_INSIDE;
      this.blend(inside, opening);
      return opening > 0.5 ? REGION.mouthOpening : REGION.lips;
    }
    // Closed lips meet in a dark seam.
    this.darken(1 - 0.55 * cover(Math.abs(y - mid) - 0.012, this.aa));
    return onLips > 0.5 ? REGION.lips : undefined;
  }
}

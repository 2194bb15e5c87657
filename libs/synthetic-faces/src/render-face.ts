import type { Rgb } from './colour';
import { Ellipsoid } from './ellipsoid';
import { faceGeometry } from './face-geometry';
import { FaceTexture } from './face-texture';
import { isHair } from './hair';
import { headModel, type HeadModel } from './head-model';
import type { Identity } from './identity';
import { headFromCamera } from './pose';
import { REGION, type Region } from './region';
import type { Background, Scene, Shape } from './scene';

/** Head units across the image at framing scale 1: the head and a little of the shoulders. */
export const FIELD_OF_VIEW = 2.5;
/** The camera's distance along its axis: outside everything it could see. */
const CAMERA_Z = 10;
/** Rays per pixel, per axis, where a pixel straddles an outline (elsewhere one ray suffices: the paint is smooth). */
const EDGE_SAMPLES = 2;
/** Head units over which the muzzle's shading turns into the lower face's where the two meet. */
const MUZZLE_BLEND = 0.04;

/** A rendered image: RGB bytes row by row, and what each pixel shows. */
export interface RenderedFace {
  size: number;
  rgb: Uint8Array;
  region: Uint8Array;
}

/**
 * Renders a scene by casting orthographic rays into the rotated head (half-ellipsoids for the cranium and the lower
 * face, ellipsoids for the mouth's muzzle, the nose, its wings, the ears and the hair, a cylinder for the neck): the
 * nearest surface wins, so turned-away and hidden parts are never drawn. Lambert shading with ambient light. One ray
 * per pixel; pixels where the surface hit changes (outlines) are traced again with several rays and averaged, which
 * smooths silhouettes at a fraction of the cost of supersampling everything (painted features are smooth already).
 */
export function renderFace(scene: Scene, size: number): RenderedFace {
  const tracer = new Tracer(scene, size);
  const rgb = new Float32Array(size * size * 3);
  const region = new Uint8Array(size * size);
  // Which surface each pixel's ray hit: outlines are where it changes (painted features are already smooth).
  const surface = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const pixel = row * size + column;
      region[pixel] = tracer.sample(column, row, 0.5, 0.5);
      surface[pixel] = tracer.surfaceId;
      rgb[pixel * 3] = tracer.colour[0];
      rgb[pixel * 3 + 1] = tracer.colour[1];
      rgb[pixel * 3 + 2] = tracer.colour[2];
    }
  }
  const bytes = new Uint8Array(size * size * 3);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const pixel = row * size + column;
      const here = surface[pixel];
      const edge =
        (column > 0 && surface[pixel - 1] !== here) ||
        (column < size - 1 && surface[pixel + 1] !== here) ||
        (row > 0 && surface[pixel - size] !== here) ||
        (row < size - 1 && surface[pixel + size] !== here);
      if (edge) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let sy = 0; sy < EDGE_SAMPLES; sy++) {
          for (let sx = 0; sx < EDGE_SAMPLES; sx++) {
            tracer.sample(column, row, (sx + 0.5) / EDGE_SAMPLES, (sy + 0.5) / EDGE_SAMPLES);
            r += tracer.colour[0];
            g += tracer.colour[1];
            b += tracer.colour[2];
          }
        }
        const weight = 1 / (EDGE_SAMPLES * EDGE_SAMPLES);
        bytes[pixel * 3] = toByte(r * weight);
        bytes[pixel * 3 + 1] = toByte(g * weight);
        bytes[pixel * 3 + 2] = toByte(b * weight);
      } else {
        bytes[pixel * 3] = toByte(rgb[pixel * 3]);
        bytes[pixel * 3 + 1] = toByte(rgb[pixel * 3 + 1]);
        bytes[pixel * 3 + 2] = toByte(rgb[pixel * 3 + 2]);
      }
    }
  }
  return { size, rgb: bytes, region };
}

const PART = { none: 0, cranium: 1, lowerFace: 2, nose: 3, wingRight: 4, wingLeft: 5, earRight: 6, earLeft: 7, hair: 8, neck: 9, torso: 10, muzzle: 11 } as const;
const OCCLUDED = 255;

/** The per-ray work of renderFace, as methods: a class, so no function is created per ray. */
class Tracer {
  /** The last sample's colour, and which part it hit (PART, or OCCLUDED). */
  readonly colour = new Float64Array(3);
  surfaceId = 0;
  private readonly identity: Identity;
  private readonly head: HeadModel;
  private readonly texture: FaceTexture;
  private readonly scene: Scene;
  private readonly size: number;
  private readonly field: number;
  /** Head from camera rotation; the ray direction and the light, both already in head space. */
  private readonly m: number[];
  private readonly dx: number;
  private readonly dy: number;
  private readonly dz: number;
  private readonly lx: number;
  private readonly ly: number;
  private readonly lz: number;
  /** A sphere around the whole head (hair, ears, nose, dropped jaw): rays missing it skip those tests. */
  private readonly bound: Ellipsoid;
  private readonly t = new Float64Array(2);
  private readonly n = new Float64Array(3);
  private readonly faceNormal = new Float64Array(3);
  /** The nearest hit of the ray being traced: its distance and part. */
  private best = Infinity;
  private part: number = PART.none;

  constructor(scene: Scene, size: number) {
    this.scene = scene;
    this.size = size;
    this.identity = scene.identity;
    const face = faceGeometry(scene.identity, scene.actionUnits);
    this.head = headModel(scene.identity, face);
    this.field = FIELD_OF_VIEW / scene.framing.scale;
    this.texture = new FaceTexture(scene.identity, face, scene.gaze, (this.field / size) * 0.9);
    const m = headFromCamera(scene.pose);
    this.m = m;
    [this.dx, this.dy, this.dz] = [-m[2], -m[5], -m[8]];
    const [lx, ly, lz] = scene.light.direction;
    const length = Math.sqrt(lx * lx + ly * ly + lz * lz);
    this.lx = (m[0] * lx + m[1] * ly + m[2] * lz) / length;
    this.ly = (m[3] * lx + m[4] * ly + m[5] * lz) / length;
    this.lz = (m[6] * lx + m[7] * ly + m[8] * lz) / length;
    const hair = this.head.hair;
    const radius = Math.max(hair.rx + 0.1, hair.ry + Math.abs(hair.cy), hair.rz + 0.1, 1.3 + face.jawDrop);
    this.bound = new Ellipsoid(0, 0, 0, radius, radius, radius);
    const { head } = this;
    for (const shape of [this.bound, head.cranium, head.lowerFace, head.muzzle, head.nose, ...head.noseWings, ...head.ears, head.hair, head.torso]) {
      shape.aim(this.dx, this.dy, this.dz);
    }
  }

  /** Traces the ray through point (fx, fy) of pixel (column, row), fractions 0-1 across it; returns the region. */
  sample(column: number, row: number, fx: number, fy: number): Region {
    const { size, field, m, scene } = this;
    // Image-centred coordinates, exactly mirror-symmetric: pixel c at fraction f mirrors pixel size-1-c at 1-f.
    const u = (column + fx) / size;
    const v = (row + fy) / size;
    const cx = scene.framing.offsetX + ((2 * (column + fx) - size) / (2 * size)) * field;
    const cy = scene.framing.offsetY - ((2 * (row + fy) - size) / (2 * size)) * field;
    let region = this.trace(m[0] * cx + m[1] * cy + m[2] * CAMERA_Z, m[3] * cx + m[4] * cy + m[5] * CAMERA_Z, m[6] * cx + m[7] * cy + m[8] * CAMERA_Z, u, v);
    this.surfaceId = this.part;
    if (scene.occluders.length > 0 && paintShapes(scene.occluders, u, v, 1 / size, this.colour)) {
      region = REGION.occluder;
      this.surfaceId = OCCLUDED;
    }
    return region;
  }

  private trace(ox: number, oy: number, oz: number, u: number, v: number): Region {
    const { head, dx, dy, dz, t } = this;
    this.best = Infinity;
    this.part = PART.none;
    if (this.bound.intersect(ox, oy, oz, t)) {
      // Each half counts only on its own side of y = 0.
      if (head.cranium.intersect(ox, oy, oz, t) && t[0] < this.best && oy + t[0] * dy >= 0) {
        this.best = t[0];
        this.part = PART.cranium;
      }
      if (head.lowerFace.intersect(ox, oy, oz, t) && t[0] < this.best && oy + t[0] * dy < 0) {
        this.best = t[0];
        this.part = PART.lowerFace;
      }
      this.consider(head.muzzle, ox, oy, oz, PART.muzzle);
      this.consider(head.nose, ox, oy, oz, PART.nose);
      this.consider(head.noseWings[0], ox, oy, oz, PART.wingRight);
      this.consider(head.noseWings[1], ox, oy, oz, PART.wingLeft);
      this.consider(head.ears[0], ox, oy, oz, PART.earRight);
      this.consider(head.ears[1], ox, oy, oz, PART.earLeft);
      if (head.hair.intersect(ox, oy, oz, t) && t[0] < this.best) {
        if (isHair(this.identity, ox + t[0] * dx, oy + t[0] * dy, oz + t[0] * dz)) {
          this.best = t[0];
          this.part = PART.hair;
        }
      }
    }
    this.consider(head.torso, ox, oy, oz, PART.torso);
    const neck = this.intersectNeck(ox, oy, oz);
    if (neck < this.best) {
      this.best = neck;
      this.part = PART.neck;
    }
    const { best, part } = this;
    if (part === PART.none) {
      paintBackground(this.scene.background, u, v, 1 / this.size, this.colour);
      return REGION.background;
    }
    const region = this.surface(part, ox + best * dx, oy + best * dy, oz + best * dz);
    const { n, colour } = this;
    const lambert = n[0] * this.lx + n[1] * this.ly + n[2] * this.lz;
    const shading = this.scene.light.ambient + this.scene.light.diffuse * (lambert > 0 ? lambert : 0);
    colour[0] *= shading;
    colour[1] *= shading;
    colour[2] *= shading;
    return region;
  }

  /** Makes `shape` the nearest hit if the ray enters it before the nearest so far. */
  private consider(shape: Ellipsoid, ox: number, oy: number, oz: number, part: number): void {
    if (shape.intersect(ox, oy, oz, this.t) && this.t[0] < this.best) {
      this.best = this.t[0];
      this.part = part;
    }
  }

  /** The ray's entry into the neck cylinder below its top, or Infinity. */
  private intersectNeck(ox: number, oy: number, oz: number): number {
    const { neck } = this.head;
    const qx = (ox - neck.cx) / neck.rx;
    const qz = (oz - neck.cz) / neck.rz;
    const ex = this.dx / neck.rx;
    const ez = this.dz / neck.rz;
    const a = ex * ex + ez * ez;
    const b = qx * ex + qz * ez;
    const disc = b * b - a * (qx * qx + qz * qz - 1);
    if (a < 1e-12 || disc < 0) return Infinity;
    const near = (-b - Math.sqrt(disc)) / a;
    return oy + near * this.dy < neck.top ? near : Infinity;
  }

  /** Normal into `n`, albedo into `colour`, region returned, for surface point p of a part. */
  private surface(part: number, px: number, py: number, pz: number): Region {
    const { head, n, texture, identity } = this;
    const skin = identity.skin;
    switch (part) {
      case PART.cranium:
      case PART.lowerFace:
      case PART.muzzle:
      case PART.nose: {
        (part === PART.cranium ? head.cranium : part === PART.lowerFace ? head.lowerFace : part === PART.muzzle ? head.muzzle : head.nose).normal(px, py, pz, n);
        if (part === PART.muzzle) this.blendMuzzleNormal(px, py, pz);
        const painted = texture.colourAt(px, py, pz);
        this.setColour(texture.r, texture.g, texture.b);
        if (part !== PART.nose) return painted;
        // Nostrils: the underside of the nose, either side of the middle.
        const across = Math.abs(px) / identity.nose.width;
        if (n[1] < -0.5 && across > 0.1 && across < 0.6) this.setColour(skin[0] * 0.25, skin[1] * 0.15, skin[2] * 0.15);
        return REGION.nose;
      }
      case PART.wingRight:
      case PART.wingLeft: {
        head.noseWings[part === PART.wingRight ? 0 : 1].normal(px, py, pz, n);
        texture.colourAt(px, py, pz);
        const under = n[1] < -0.6 ? 0.6 : 1;
        this.setColour(texture.r * under, texture.g * under, texture.b * under);
        return REGION.nose;
      }
      case PART.earRight:
      case PART.earLeft: {
        const ear = head.ears[part === PART.earRight ? 0 : 1];
        ear.normal(px, py, pz, n);
        // The hollow of the ear, seen from the side.
        const inner = ((py - ear.cy) / ear.ry) ** 2 + ((pz - ear.cz) / ear.rz) ** 2;
        const hollow = n[0] * Math.sign(ear.cx) > 0.5 ? 1 - 0.35 * Math.max(0, 1 - inner / 0.45) : 1;
        this.setColour(skin[0] * hollow, skin[1] * 0.93 * hollow, skin[2] * 0.9 * hollow);
        return REGION.ear;
      }
      case PART.hair: {
        head.hair.normal(px, py, pz, n);
        const hair = identity.hair.colour;
        const strands = 0.82 + 0.18 * Math.cos(Math.atan2(px, pz) * 45);
        this.setColour(hair[0] * strands, hair[1] * strands, hair[2] * strands);
        return REGION.hair;
      }
      case PART.neck: {
        const { neck } = head;
        const nx = (px - neck.cx) / (neck.rx * neck.rx);
        const nz = (pz - neck.cz) / (neck.rz * neck.rz);
        const length = Math.sqrt(nx * nx + nz * nz);
        n[0] = nx / length;
        n[1] = 0;
        n[2] = nz / length;
        // Shadow under the chin.
        const shadow = py > -0.95 ? 0.7 : 0.88;
        this.setColour(skin[0] * shadow, skin[1] * shadow, skin[2] * shadow);
        return REGION.neck;
      }
      default: {
        head.torso.normal(px, py, pz, n);
        const clothes = identity.clothes;
        this.setColour(clothes[0], clothes[1], clothes[2]);
        return REGION.clothes;
      }
    }
  }

  /**
   * Where the muzzle rises out of the lower face its normal turns into the face's over MUZZLE_BLEND head units, so
   * the join shades smoothly instead of drawing a ring around the mouth; the silhouette is the muzzle's own.
   */
  private blendMuzzleNormal(px: number, py: number, pz: number): void {
    const { n, head } = this;
    const above = pz - head.lowerFace.frontZ(px, py);
    if (above >= MUZZLE_BLEND) return;
    const w = Math.max(0, above / MUZZLE_BLEND);
    const face = this.faceNormal;
    head.lowerFace.normal(px, py, pz, face);
    const x = face[0] + (n[0] - face[0]) * w;
    const y = face[1] + (n[1] - face[1]) * w;
    const z = face[2] + (n[2] - face[2]) * w;
    const length = Math.hypot(x, y, z);
    n[0] = x / length;
    n[1] = y / length;
    n[2] = z / length;
  }

  private setColour(r: number, g: number, b: number): void {
    this.colour[0] = r;
    this.colour[1] = g;
    this.colour[2] = b;
  }
}

function toByte(value: number): number {
  const byte = Math.round(value * 255);
  return byte < 0 ? 0 : byte > 255 ? 255 : byte;
}

/** The background at image point (u, v): the gradient, then its shapes. */
function paintBackground(background: Background, u: number, v: number, aa: number, colour: Float64Array): void {
  const { top, bottom } = background;
  colour[0] = top[0] + (bottom[0] - top[0]) * v;
  colour[1] = top[1] + (bottom[1] - top[1]) * v;
  colour[2] = top[2] + (bottom[2] - top[2]) * v;
  paintShapes(background.shapes, u, v, aa, colour);
}

/** Paints the shapes covering image point (u, v) over `colour`, in order, with soft edges; true if any covers it. */
function paintShapes(shapes: readonly Shape[], u: number, v: number, aa: number, colour: Float64Array): boolean {
  let covered = false;
  for (let i = 0; i < shapes.length; i++) {
    const coverage = shapeCoverage(shapes[i], u, v, aa);
    if (coverage <= 0) continue;
    blendInto(colour, shapes[i].colour, coverage);
    covered ||= coverage > 0.5;
  }
  return covered;
}

function shapeCoverage(shape: Shape, u: number, v: number, aa: number): number {
  const du = u - shape.x;
  const dv = v - shape.y;
  const reach = Math.max(shape.halfWidth, shape.halfHeight) * 1.5 + aa;
  if (du > reach || du < -reach || dv > reach || dv < -reach) return 0;
  const cos = Math.cos(shape.angle);
  const sin = Math.sin(shape.angle);
  const a = (du * cos + dv * sin) / shape.halfWidth;
  const b = (-du * sin + dv * cos) / shape.halfHeight;
  const scale = Math.min(shape.halfWidth, shape.halfHeight);
  // Approximate distance outside the edge, in image units, for a soft edge about a pixel wide.
  const outside = shape.kind === 'ellipse' ? (Math.sqrt(a * a + b * b) - 1) * scale : (Math.max(Math.abs(a), Math.abs(b)) - 1) * scale;
  const coverage = 0.5 - outside / aa;
  return coverage < 0 ? 0 : coverage > 1 ? 1 : coverage;
}

function blendInto(colour: Float64Array, paint: Rgb, t: number): void {
  colour[0] += (paint[0] - colour[0]) * t;
  colour[1] += (paint[1] - colour[1]) * t;
  colour[2] += (paint[2] - colour[2]) * t;
}

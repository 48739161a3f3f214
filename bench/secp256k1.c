/* secp256k1: public-key derivation and ECDSA verification on secp256k1
 * (y^2 = x^3 + 7 over p = 2^256 - 2^32 - 977, SEC 2), in the spirit of the
 * reference's ecrecover bench.  Field and scalar arithmetic modulo p and n
 * via mont256.h, Jacobian coordinates, double-and-add (Shamir's trick for
 * u1*G + u2*Q).  Checks:
 *   1. (n-1)*G == -G = (Gx, p - Gy)
 *   2. d*G == Q for a fixed private key d
 *   3. ECDSA signature (r, s) on the 32-byte prehash z verifies under Q
 *   4. the same signature does NOT verify for z with one bit flipped
 * Vectors 2-4 were generated and verified with pyca/cryptography 48
 * (see bench/README.md).  Returns 1 when all checks pass, else 0. */
#include "mont256.h"

static struct mod256 P, N; /* field, scalar group order */
static u256 B7;           /* curve constant 7 (Montgomery form) */

typedef struct { u256 x, y, z; } jpoint; /* Jacobian; z == 0 is infinity */

GREY_NOINLINE static void pt_double(jpoint *r, const jpoint *a) {
  if (u256_is_zero(&a->z) || u256_is_zero(&a->y)) {
    r->z = (u256){{0, 0, 0, 0}};
    return;
  }
  u256 A, B, C, D, E, Fv, t, X3, Y3, Z3;
  mod_sqr(&P, &A, &a->x);        /* A = X^2 */
  mod_sqr(&P, &B, &a->y);        /* B = Y^2 */
  mod_sqr(&P, &C, &B);           /* C = B^2 */
  mod_add(&P, &t, &a->x, &B);
  mod_sqr(&P, &t, &t);
  mod_sub(&P, &t, &t, &A);
  mod_sub(&P, &t, &t, &C);
  mod_add(&P, &D, &t, &t);       /* D = 2((X+B)^2 - A - C) */
  mod_add(&P, &E, &A, &A);
  mod_add(&P, &E, &E, &A);       /* E = 3A */
  mod_sqr(&P, &Fv, &E);          /* F = E^2 */
  mod_add(&P, &t, &D, &D);
  mod_sub(&P, &X3, &Fv, &t);     /* X3 = F - 2D */
  mod_sub(&P, &t, &D, &X3);
  mod_mul(&P, &Y3, &E, &t);
  mod_add(&P, &t, &C, &C);
  mod_add(&P, &t, &t, &t);
  mod_add(&P, &t, &t, &t);       /* 8C */
  mod_sub(&P, &Y3, &Y3, &t);     /* Y3 = E(D - X3) - 8C */
  mod_mul(&P, &Z3, &a->y, &a->z);
  mod_add(&P, &Z3, &Z3, &Z3);    /* Z3 = 2YZ */
  r->x = X3;
  r->y = Y3;
  r->z = Z3;
}

GREY_NOINLINE static void pt_add(jpoint *r, const jpoint *a, const jpoint *b) {
  if (u256_is_zero(&a->z)) { *r = *b; return; }
  if (u256_is_zero(&b->z)) { *r = *a; return; }
  u256 Z1Z1, Z2Z2, U1, U2, S1, S2, H, I, J, rr, V, t, X3, Y3, Z3;
  mod_sqr(&P, &Z1Z1, &a->z);
  mod_sqr(&P, &Z2Z2, &b->z);
  mod_mul(&P, &U1, &a->x, &Z2Z2);
  mod_mul(&P, &U2, &b->x, &Z1Z1);
  mod_mul(&P, &t, &b->z, &Z2Z2);
  mod_mul(&P, &S1, &a->y, &t);
  mod_mul(&P, &t, &a->z, &Z1Z1);
  mod_mul(&P, &S2, &b->y, &t);
  mod_sub(&P, &H, &U2, &U1);
  mod_sub(&P, &t, &S2, &S1);
  if (u256_is_zero(&H)) {
    if (u256_is_zero(&t)) { pt_double(r, a); return; }
    r->z = (u256){{0, 0, 0, 0}}; /* P + (-P) */
    return;
  }
  mod_add(&P, &rr, &t, &t);      /* r = 2(S2 - S1) */
  mod_add(&P, &I, &H, &H);
  mod_sqr(&P, &I, &I);           /* I = (2H)^2 */
  mod_mul(&P, &J, &H, &I);       /* J = H*I */
  mod_mul(&P, &V, &U1, &I);      /* V = U1*I */
  mod_sqr(&P, &X3, &rr);
  mod_sub(&P, &X3, &X3, &J);
  mod_sub(&P, &X3, &X3, &V);
  mod_sub(&P, &X3, &X3, &V);     /* X3 = r^2 - J - 2V */
  mod_sub(&P, &t, &V, &X3);
  mod_mul(&P, &Y3, &rr, &t);
  mod_mul(&P, &t, &S1, &J);
  mod_add(&P, &t, &t, &t);
  mod_sub(&P, &Y3, &Y3, &t);     /* Y3 = r(V - X3) - 2 S1 J */
  mod_add(&P, &t, &a->z, &b->z);
  mod_sqr(&P, &t, &t);
  mod_sub(&P, &t, &t, &Z1Z1);
  mod_sub(&P, &t, &t, &Z2Z2);
  mod_mul(&P, &Z3, &t, &H);      /* Z3 = ((Z1+Z2)^2 - Z1Z1 - Z2Z2) H */
  r->x = X3;
  r->y = Y3;
  r->z = Z3;
}

static int bit(const u256 *k, int i) { return (int)((k->v[i / 64] >> (i % 64)) & 1); }

/* r = k1*A + k2*B (k2 may be zero with B unused). */
GREY_NOINLINE static void pt_mul2(jpoint *r, const u256 *k1, const jpoint *A, const u256 *k2,
                                  const jpoint *B) {
  jpoint AB, acc;
  pt_add(&AB, A, B);
  acc.z = (u256){{0, 0, 0, 0}};
  for (int i = 255; i >= 0; i--) {
    pt_double(&acc, &acc);
    int s = bit(k1, i) | bit(k2, i) << 1;
    if (s == 1) pt_add(&acc, &acc, A);
    else if (s == 2) pt_add(&acc, &acc, B);
    else if (s == 3) pt_add(&acc, &acc, &AB);
  }
  *r = acc;
}

/* Affine coordinates (plain integers) of a Jacobian point. Returns 0 for
 * infinity. */
static int pt_affine(u256 *x, u256 *y, const jpoint *a) {
  if (u256_is_zero(&a->z)) return 0;
  u256 zi, zi2, zi3, t;
  mod_inv(&P, &zi, &a->z);
  mod_sqr(&P, &zi2, &zi);
  mod_mul(&P, &zi3, &zi2, &zi);
  mod_mul(&P, &t, &a->x, &zi2);
  from_mont(&P, x, &t);
  mod_mul(&P, &t, &a->y, &zi3);
  from_mont(&P, y, &t);
  return 1;
}

static void pt_from_affine(jpoint *r, const uint8_t xb[32], const uint8_t yb[32]) {
  u256 x, y;
  u256_from_be(&x, xb);
  u256_from_be(&y, yb);
  to_mont(&P, &r->x, &x);
  to_mont(&P, &r->y, &y);
  r->z = P.one;
}

/* y^2 == x^3 + 7 for a Jacobian point with z == 1 (Montgomery form). */
static int on_curve(const jpoint *a) {
  u256 y2, x3;
  mod_sqr(&P, &y2, &a->y);
  mod_sqr(&P, &x3, &a->x);
  mod_mul(&P, &x3, &x3, &a->x);
  mod_add(&P, &x3, &x3, &B7);
  return u256_eq(&y2, &x3);
}

/* Reduce a 256-bit value modulo n (one conditional subtraction suffices). */
static void mod_n_reduce(u256 *r, const u256 *a) {
  u256 t;
  *r = u256_sub(&t, a, &N.m) ? *a : t;
}

/* ECDSA verification (SEC 1, 4.1.4) with a 32-byte prehash z. */
GREY_NOINLINE static int ecdsa_verify(const jpoint *G, const jpoint *Q, const uint8_t zb[32],
                                      const uint8_t rb[32], const uint8_t sb[32]) {
  u256 r, s, z, w, u1, u2, zm, rm, t;
  u256_from_be(&r, rb);
  u256_from_be(&s, sb);
  u256_from_be(&t, zb);
  mod_n_reduce(&z, &t);
  if (u256_is_zero(&r) || u256_is_zero(&s) || u256_geq(&r, &N.m) || u256_geq(&s, &N.m)) return 0;
  to_mont(&N, &t, &s);
  mod_inv(&N, &w, &t);           /* w = s^-1 (Montgomery) */
  to_mont(&N, &zm, &z);
  to_mont(&N, &rm, &r);
  mod_mul(&N, &t, &zm, &w);
  from_mont(&N, &u1, &t);        /* u1 = z w mod n */
  mod_mul(&N, &t, &rm, &w);
  from_mont(&N, &u2, &t);        /* u2 = r w mod n */
  jpoint R;
  pt_mul2(&R, &u1, G, &u2, Q);
  u256 x, y;
  if (!pt_affine(&x, &y, &R)) return 0;
  mod_n_reduce(&t, &x);
  return u256_eq(&t, &r);
}

static const uint8_t GX[32] = {
    0x79, 0xbe, 0x66, 0x7e, 0xf9, 0xdc, 0xbb, 0xac, 0x55, 0xa0, 0x62, 0x95, 0xce, 0x87, 0x0b, 0x07,
    0x02, 0x9b, 0xfc, 0xdb, 0x2d, 0xce, 0x28, 0xd9, 0x59, 0xf2, 0x81, 0x5b, 0x16, 0xf8, 0x17, 0x98};
static const uint8_t GY[32] = {
    0x48, 0x3a, 0xda, 0x77, 0x26, 0xa3, 0xc4, 0x65, 0x5d, 0xa4, 0xfb, 0xfc, 0x0e, 0x11, 0x08, 0xa8,
    0xfd, 0x17, 0xb4, 0x48, 0xa6, 0x85, 0x54, 0x19, 0x9c, 0x47, 0xd0, 0x8f, 0xfb, 0x10, 0xd4, 0xb8};
/* Test key and signature (generated with pyca/cryptography, see README). */
static const uint8_t D[32] = {
    0x72, 0xd2, 0xeb, 0xbf, 0x14, 0x3a, 0x60, 0x31, 0x5c, 0x4b, 0x99, 0x8a, 0x00, 0xc6, 0xba, 0x06,
    0x07, 0xe9, 0x52, 0xb3, 0xb3, 0xd6, 0xb7, 0xdb, 0xbf, 0x83, 0x5f, 0xaa, 0xc3, 0x47, 0x30, 0xf2};
static const uint8_t QX[32] = {
    0x9e, 0x50, 0x1f, 0xa9, 0x41, 0x95, 0x61, 0x77, 0x35, 0x96, 0x08, 0xfc, 0x88, 0xab, 0x61, 0x72,
    0xeb, 0x43, 0x70, 0x1b, 0x9c, 0x13, 0xee, 0xd8, 0x45, 0x3c, 0x33, 0x74, 0xff, 0xd1, 0xdb, 0x0c};
static const uint8_t QY[32] = {
    0xfe, 0xcd, 0xf3, 0x5e, 0x5d, 0xfd, 0xa2, 0x82, 0x47, 0x32, 0xab, 0x73, 0x39, 0x29, 0xec, 0x64,
    0xdd, 0xbf, 0x46, 0xd7, 0xb3, 0x7e, 0x54, 0x7d, 0x8d, 0x74, 0xe0, 0xb0, 0xc6, 0xec, 0xc1, 0x2e};
static const uint8_t Z[32] = {
    0xb4, 0x4f, 0xf5, 0x57, 0xe5, 0xe1, 0x38, 0xa0, 0x7f, 0xee, 0x92, 0xfd, 0x0f, 0x37, 0x46, 0xbd,
    0xfd, 0x47, 0x94, 0x2f, 0xde, 0x4a, 0x01, 0x01, 0x45, 0xa9, 0x11, 0xd5, 0xe0, 0x82, 0xe6, 0xd9};
static const uint8_t SIG_R[32] = {
    0xc5, 0x92, 0xdf, 0x98, 0xc5, 0xc9, 0x87, 0x07, 0xe3, 0xa5, 0x3e, 0x26, 0x59, 0x7f, 0xae, 0xd4,
    0xe1, 0xb6, 0x93, 0xc9, 0xa3, 0x72, 0x88, 0x19, 0x7f, 0x4f, 0x72, 0xd5, 0x98, 0xd9, 0x62, 0x9f};
static const uint8_t SIG_S[32] = {
    0xef, 0xd3, 0x4b, 0xf3, 0xce, 0xaf, 0xd5, 0xc9, 0x8b, 0xd2, 0x39, 0xbd, 0x95, 0xa1, 0x5d, 0x84,
    0xe1, 0x0a, 0x15, 0x16, 0x70, 0x03, 0xe9, 0xa8, 0xc2, 0x5b, 0xcf, 0x1a, 0x23, 0x2e, 0x48, 0x94};

uint64_t grey_main(void) {
  u256 p = {{0xFFFFFFFEFFFFFC2FULL, 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL,
             0xFFFFFFFFFFFFFFFFULL}};
  u256 n = {{0xBFD25E8CD0364141ULL, 0xBAAEDCE6AF48A03BULL, 0xFFFFFFFFFFFFFFFEULL,
             0xFFFFFFFFFFFFFFFFULL}};
  mod_setup(&P, &p);
  mod_setup(&N, &n);
  u256 seven = {{7, 0, 0, 0}};
  to_mont(&P, &B7, &seven);
  int ok = 1;
  jpoint G, Q, R;
  pt_from_affine(&G, GX, GY);
  pt_from_affine(&Q, QX, QY);
  ok &= on_curve(&G) & on_curve(&Q);
  u256 x, y, gx, gy, k, one = {{1, 0, 0, 0}}, zero = {{0, 0, 0, 0}};
  u256_from_be(&gx, GX);
  u256_from_be(&gy, GY);
  /* 1. (n-1) G = -G */
  u256_sub(&k, &n, &one);
  pt_mul2(&R, &k, &G, &zero, &G);
  ok &= pt_affine(&x, &y, &R);
  u256 negy;
  u256_sub(&negy, &p, &gy);
  ok &= u256_eq(&x, &gx) & u256_eq(&y, &negy);
  /* 2. d G = Q */
  u256_from_be(&k, D);
  pt_mul2(&R, &k, &G, &zero, &G);
  ok &= pt_affine(&x, &y, &R);
  u256 qx, qy;
  u256_from_be(&qx, QX);
  u256_from_be(&qy, QY);
  ok &= u256_eq(&x, &qx) & u256_eq(&y, &qy);
  /* 3. valid signature verifies, 4. tampered prehash does not */
  ok &= ecdsa_verify(&G, &Q, Z, SIG_R, SIG_S);
  uint8_t z2[32];
  memcpy(z2, Z, 32);
  z2[GREY_OPAQUE(17)] ^= 0x10;
  ok &= !ecdsa_verify(&G, &Q, z2, SIG_R, SIG_S);
  return (uint64_t)ok;
}

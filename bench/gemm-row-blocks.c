/* The GEMMs of Linear on the demo's shapes (N rows; in × out = 64×192, 64×64, 64×256, 256×64,
 * and the read-out 64×32), through OpenBLAS as gradscope calls them (row-major cblas_sgemm,
 * one thread): one call over all rows ("full") against calls over blocks of
 * R = ⌊10⁶ / (in·out)⌋ rows ("split", the small-matrix kernels' bound). Best of 9 × 40 calls.
 *   NT1: out = inp Wᵀ + out (the forward, β = 1)      NN0: dinp = dout W (β = 0)
 *   NN1: the same product accumulated (β = 1)          TN1: dW += doutᵀ inp, summed over blocks
 * The per-step line weighs the five shapes as the demo does (6 layers, one read-out).
 * Build and run (BENCHMARKS.md, "Row-blocked Linear backward"):
 *   cc -O2 bench/gemm-row-blocks.c -o /tmp/gemm-row-blocks -lopenblas
 *   OPENBLAS_NUM_THREADS=1 /tmp/gemm-row-blocks 1024      (512: one shard of the 2-thread step)
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static float *A, *W, *C;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int rowsIn(int n, int r, int block) { return n - r < block ? n - r : block; }

static void nt1(int n, int k, int m, int block) {
    for (int r = 0; r < n; r += block)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rowsIn(n, r, block), m, k, 1, A + r * k, k, W, k, 1,
                    C + r * m, m);
}
static void nn1(int n, int k, int m, int block) {
    for (int r = 0; r < n; r += block)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rowsIn(n, r, block), m, k, 1, A + r * k, k, W, m, 1,
                    C + r * m, m);
}
static void nn0(int n, int k, int m, int block) {
    for (int r = 0; r < n; r += block)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rowsIn(n, r, block), m, k, 1, A + r * k, k, W, m, 0,
                    C + r * m, m);
}
static void tn1(int n, int k, int m, int block) {
    for (int r = 0; r < n; r += block)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, k, rowsIn(n, r, block), 1, A + r * m, m, A + r * k, k,
                    1, W, k);
}

typedef void (*Product)(int, int, int, int);

static double microseconds(Product f, int n, int k, int m, int block) {
    double best = 1e9;
    for (int rep = 0; rep < 9; rep++) {
        double t0 = now();
        for (int it = 0; it < 40; it++) f(n, k, m, block);
        double t = (now() - t0) / 40;
        if (t < best) best = t;
    }
    return best * 1e6;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1024;
    int shapes[][2] = {{64, 192}, {64, 64}, {64, 256}, {256, 64}, {64, 32}};
    const char *names[] = {"NT1", "NN1", "NN0", "TN1"};
    Product products[] = {nt1, nn1, nn0, tn1};
    A = malloc(sizeof(float) * n * 256);
    W = malloc(sizeof(float) * 256 * 256);
    C = malloc(sizeof(float) * n * 256);
    for (int i = 0; i < n * 256; i++) { A[i] = rand() / (float)RAND_MAX; C[i] = 0; }
    for (int i = 0; i < 256 * 256; i++) W[i] = rand() / (float)RAND_MAX;
    double total[2][4] = {{0}};
    for (int s = 0; s < 5; s++) {
        int k = shapes[s][0], m = shapes[s][1], block = 1000000 / (m * k);
        printf("in %3d out %3d R %3d |", k, m, block);
        for (int split = 0; split < 2; split++) {
            printf(split ? " split" : " full");
            for (int p = 0; p < 4; p++) {
                double t = microseconds(products[p], n, k, m, split ? block : n);
                total[split][p] += t * (s < 4 ? 6 : 1);
                printf(" %s %6.1f", names[p], t);
            }
            printf(" |");
        }
        printf("\n");
    }
    printf("per step, us: full NT1 %.0f NN1 %.0f NN0 %.0f TN1 %.0f | split NT1 %.0f NN1 %.0f NN0 %.0f TN1 %.0f\n",
           total[0][0], total[0][1], total[0][2], total[0][3], total[1][0], total[1][1], total[1][2], total[1][3]);
    return 0;
}

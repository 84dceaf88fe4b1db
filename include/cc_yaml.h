/* cc_yaml: a YAML document read by libyaml into a small tree whose nodes keep
 * their line and column, so rule-file errors can point like a compiler.
 *
 * Ownership: cc_yaml_load returns a tree the caller frees with
 * cc_yaml_free; every node and string belongs to the tree. */
#ifndef CC_YAML_H
#define CC_YAML_H

#include <stddef.h>

typedef enum { CC_Y_SCALAR, CC_Y_SEQ, CC_Y_MAP } cc_ykind;

typedef struct cc_ynode cc_ynode;
struct cc_ynode {
    cc_ykind kind;
    int line, col;      /* 1-based, of the node's first character */
    int style;          /* for scalars: 0 plain, 1 single-quoted, 2 double-quoted, 3 block */
    char *str;          /* scalar text (NUL-terminated) */
    size_t len;
    cc_ynode **items;   /* SEQ: items; MAP: keys at even, values at odd index */
    size_t n;
};

/* Loads the first document of a YAML file or buffer. On error returns NULL
 * and writes "line:col: message" into err. An empty document yields an empty
 * map. */
cc_ynode *cc_yaml_load_file(const char *path, char *err, size_t errlen);
cc_ynode *cc_yaml_load_mem(const char *text, size_t len, char *err, size_t errlen);
void cc_yaml_free(cc_ynode *n);

/* Map lookup by key; NULL when absent or when m is not a map. */
cc_ynode *cc_yaml_get(const cc_ynode *m, const char *key);
/* The scalar text of a map value, or NULL when absent or not a scalar. */
const char *cc_yaml_str(const cc_ynode *m, const char *key);

#endif

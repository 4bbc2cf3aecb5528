/*
 * How a department is named where another of the same name may stand
 * beside it. Departments are told apart by their codes: a file holding
 * the plans of two organizations has two 総務課, and a reorganization
 * can give a new department the name of one abolished. Where two of one
 * name would be shown together, each is named with its code.
 */
#ifndef SHISAKU_DEPTLABEL_H
#define SHISAKU_DEPTLABEL_H

#include <stddef.h>

/* "総務課（コード kita/somu）" when twin and the code is not empty, else
 * the name (malloc'd). */
char *dept_label(const char *name, const char *code, int twin);

/* The labels of a list of n departments (names[i], codes[i]; a code may
 * be NULL): each name, with its code where another of the list bears the
 * same name. The array and its strings are malloc'd: free them with
 * dept_labels_free. */
char **dept_labels(const char *const *names, const char *const *codes,
    size_t n);
void dept_labels_free(char **labels, size_t n);

#endif

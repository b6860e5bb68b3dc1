// The C side of the ncurses binding: only what Swift cannot reach directly.
// Header-only on purpose: a system-library target cannot compile C files.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide API explicitly.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <stdlib.h>

// Glibc hides wcwidth without _XOPEN_SOURCE.
int wcwidth(wchar_t c);

// C globals are shared mutable state to Swift 6: read them through getters.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *cn_stdin(void) { return stdin; }
static inline FILE *cn_stdout(void) { return stdout; }

// Attribute macros are bit expressions Swift does not import.
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }

// Key codes, so tests can check the Swift-side table against this header.
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_down(void) { return KEY_DOWN; }
static inline int cn_key_up(void) { return KEY_UP; }
static inline int cn_key_left(void) { return KEY_LEFT; }
static inline int cn_key_right(void) { return KEY_RIGHT; }
static inline int cn_key_home(void) { return KEY_HOME; }
static inline int cn_key_end(void) { return KEY_END; }
static inline int cn_key_find(void) { return KEY_FIND; }
static inline int cn_key_select(void) { return KEY_SELECT; }
static inline int cn_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cn_key_dc(void) { return KEY_DC; }
static inline int cn_key_ic(void) { return KEY_IC; }
static inline int cn_key_npage(void) { return KEY_NPAGE; }
static inline int cn_key_ppage(void) { return KEY_PPAGE; }
static inline int cn_key_enter(void) { return KEY_ENTER; }
static inline int cn_key_btab(void) { return KEY_BTAB; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_a1(void) { return KEY_A1; }
static inline int cn_key_a3(void) { return KEY_A3; }
static inline int cn_key_c1(void) { return KEY_C1; }
static inline int cn_key_c3(void) { return KEY_C3; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_ccharw_max(void) { return CCHARW_MAX; }

#endif

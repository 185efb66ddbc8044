/** Ctrl+8 Team: who pages for the team and since when, its members, stream and pager consumer; take or hand over. */
package dev.klaxon.app.ui.team;

"""What learners play: the terminal player (`text`) and the desktop game (`desktop`)."""
